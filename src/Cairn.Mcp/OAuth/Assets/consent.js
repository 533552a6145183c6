'use strict';
// The consent page: checks the application key, then offers the key's own capabilities and buckets to narrow.
// Nothing here is loaded from elsewhere; the form posts to /oauth/authorize, which checks everything again.
(() => {
  const form = document.getElementById('consent');
  const signIn = document.getElementById('signin-button');
  const error = document.getElementById('signin-error');

  function checkbox(name, value, text, checked) {
    const label = document.createElement('label');
    label.className = 'choice';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = name;
    box.value = value;
    box.checked = checked;
    label.append(box, ' ' + text);
    return label;
  }

  function render(key) {
    const capabilities = document.getElementById('capabilities');
    capabilities.replaceChildren(...key.capabilities.map(c => checkbox('capability', c, c, key.readOnly.includes(c))));
    const buckets = document.getElementById('buckets');
    buckets.replaceChildren(...key.buckets.map(b => checkbox('bucket_id', b.bucketId, b.bucketName, false)));
    document.getElementById('name_prefix').placeholder = key.namePrefix ? key.namePrefix + '… (the key\'s prefix)' : '(every name)';
    const signedIn = document.getElementById('signed-in');
    signedIn.textContent = 'Signed in with key ' + key.keyName + '.';
    signedIn.hidden = false;
    form.key_id.readOnly = true;
    form.application_key.readOnly = true;
    signIn.hidden = true;
    document.getElementById('narrow').disabled = false;
  }

  signIn.addEventListener('click', async () => {
    error.hidden = true;
    const body = new URLSearchParams({ key_id: form.key_id.value.trim(), application_key: form.application_key.value });
    try {
      const response = await fetch('/oauth/consent/key', { method: 'POST', body });
      const answer = await response.json();
      if (!response.ok) {
        throw new Error(answer.error_description || 'Sign-in failed');
      }
      render(answer);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  });
})();
