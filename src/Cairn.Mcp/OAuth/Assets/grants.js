'use strict';
// Lists the grants a key may see, with a revoke button each. Every call sends the key again; nothing is stored.
(() => {
  const form = document.getElementById('signin-form');
  const error = document.getElementById('error');
  const table = document.getElementById('grants');
  const empty = document.getElementById('empty');

  function credentials() {
    return { key_id: form.key_id.value.trim(), application_key: form.application_key.value };
  }

  async function call(path, extra) {
    const response = await fetch(path, { method: 'POST', body: new URLSearchParams({ ...credentials(), ...extra }) });
    const answer = await response.json();
    if (!response.ok) {
      throw new Error(answer.error_description || 'Request failed');
    }
    return answer;
  }

  function cell(text) {
    const td = document.createElement('td');
    td.textContent = text;
    return td;
  }

  async function load() {
    error.hidden = true;
    try {
      const answer = await call('/oauth/grants/list', {});
      const rows = answer.grants.map(g => {
        const tr = document.createElement('tr');
        tr.dataset.grantId = g.grantId;
        const revoke = document.createElement('button');
        revoke.type = 'button';
        revoke.textContent = 'Revoke';
        revoke.className = 'revoke';
        revoke.addEventListener('click', async () => {
          try {
            await call('/oauth/grants/revoke', { grant_id: g.grantId });
            await load();
          } catch (e) {
            error.textContent = e.message;
            error.hidden = false;
          }
        });
        const action = document.createElement('td');
        action.append(revoke);
        tr.append(cell(g.clientName), cell(g.capabilities.join(' ')), cell(g.bucketIds ? g.bucketIds.join(' ') : 'all'),
          cell(g.namePrefix || ''), cell(g.applicationKeyId), cell(new Date(g.expiresAt).toISOString()), action);
        return tr;
      });
      table.tBodies[0].replaceChildren(...rows);
      table.hidden = rows.length === 0;
      empty.hidden = rows.length !== 0;
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  }

  form.addEventListener('submit', e => {
    e.preventDefault();
    load();
  });
})();
