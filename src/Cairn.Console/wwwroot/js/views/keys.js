// Application keys: list (paged), create (capabilities, buckets, prefix, expiry; the secret shown once), delete.
import { h, field, errorArea, confirmAction, announce, copyText, when } from "../dom.js";

const READ_WRITE = ["listBuckets", "readBuckets", "listFiles", "readFiles", "shareFiles", "writeFiles", "deleteFiles"];

export async function keysView(b2) {
  const page = h("div", {}, h("h1", {}, "Application keys"));
  const error = errorArea();
  const tbody = h("tbody");
  const pager = h("div", { class: "pager" });
  const buckets = await b2.listBuckets().catch(() => []);
  const bucketName = (id) => buckets.find((b) => b.bucketId === id)?.bucketName ?? id;

  async function load(start) {
    error.clear();
    if (!b2.can("listKeys")) {
      tbody.replaceChildren(h("tr", {}, h("td", { colspan: 6, class: "muted" }, "This key cannot list keys (it lacks listKeys).")));
      return;
    }
    try {
      const list = await b2.call("b2_list_keys", { accountId: b2.accountId, maxKeyCount: 100, startApplicationKeyId: start ?? undefined });
      tbody.replaceChildren(...list.keys.map(row));
      pager.replaceChildren(list.nextApplicationKeyId
        ? h("button", { type: "button", onclick: () => load(list.nextApplicationKeyId) }, "More keys") : "");
    } catch (err) {
      error.show(err);
    }
  }

  function row(k) {
    const bucketIds = k.bucketIds ?? (k.bucketId ? [k.bucketId] : null);
    return h("tr", { class: "key", dataset: { keyName: k.keyName } },
      h("th", { scope: "row" }, k.keyName),
      h("td", {}, h("code", {}, k.applicationKeyId)),
      h("td", { class: "wide-only" }, bucketIds ? bucketIds.map(bucketName).join(", ") : "all buckets",
        k.namePrefix ? [" · prefix ", h("code", {}, k.namePrefix)] : null),
      h("td", { class: "wide-only" }, h("details", {}, h("summary", {}, `${k.capabilities.length} capabilities`), k.capabilities.join(", "))),
      h("td", { class: "wide-only" }, k.expirationTimestamp ? when(k.expirationTimestamp) : "never"),
      h("td", { class: "actions" }, b2.can("deleteKeys") && k.applicationKeyId !== b2.session.keyId
        ? h("button", { type: "button", class: "danger", "aria-label": `Delete key ${k.keyName}`, onclick: async () => {
          const done = await confirmAction("Delete key", `Delete the key ${k.keyName}? Programs and agents using it stop working.`, "Delete key",
            () => b2.call("b2_delete_key", { applicationKeyId: k.applicationKeyId }));
          if (done) { announce(`Key ${k.keyName} deleted`); load(null); }
        } }, "Delete") : null));
  }

  if (b2.can("writeKeys")) page.append(createForm());

  function createForm() {
    const createError = errorArea();
    const result = h("div", { id: "new-key", "aria-live": "polite" });
    const [nameField, nameInput] = field("Key name", { name: "keyName", required: true, maxlength: 100, pattern: "[A-Za-z0-9\\-]+", spellcheck: "false" }, "Letters, digits and '-'.");
    // The capabilities offered are the signed-in key's own, as the server lists them: a new key gets no more.
    const caps = b2.allowed.capabilities.map((c) => h("label", { class: "inline" },
      h("input", { type: "checkbox", name: "capability", value: c, checked: READ_WRITE.includes(c) }), c));
    const bucketSelect = h("select", { id: "key-buckets", name: "buckets", multiple: true, size: Math.min(5, Math.max(2, buckets.length)) },
      buckets.map((b) => h("option", { value: b.bucketId }, b.bucketName)));
    const [prefixField, prefixInput] = field("File name prefix", { name: "namePrefix", spellcheck: "false", placeholder: "any" }, "Needs one or more buckets.");
    const [daysField, daysInput] = field("Expires after (days)", { type: "number", name: "days", min: 1, max: 1000, placeholder: "never" });
    const form = h("form", { class: "card", "aria-labelledby": "create-key" },
      h("h2", { id: "create-key" }, "Create a key"),
      h("div", { class: "row" }, nameField, daysField),
      h("fieldset", { class: "caps" }, h("legend", {}, "Capabilities"), caps),
      h("div", { class: "row" },
        h("div", { class: "field" }, h("label", { for: "key-buckets" }, "Buckets (none selected: all)"), bucketSelect),
        prefixField),
      createError, result,
      h("div", { class: "row" }, h("button", { type: "submit", class: "primary" }, "Create key")));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      createError.clear();
      const bucketIds = [...bucketSelect.selectedOptions].map((o) => o.value);
      const body = {
        accountId: b2.accountId, keyName: nameInput.value.trim(),
        capabilities: [...form.querySelectorAll("input[name=capability]:checked")].map((c) => c.value),
      };
      if (bucketIds.length) body.bucketIds = bucketIds;
      if (prefixInput.value) body.namePrefix = prefixInput.value;
      if (daysInput.value) body.validDurationInSeconds = Number(daysInput.value) * 86400;
      try {
        const key = await b2.call("b2_create_key", body);
        const copy = h("button", { type: "button", onclick: (ev) => copyText(key.applicationKey, ev.currentTarget) }, "Copy key");
        result.replaceChildren(h("div", { class: "card" },
          h("h3", {}, `Key ${key.keyName} created`),
          h("p", {}, h("strong", {}, "Copy the application key now: it is shown only this once.")),
          h("dl", { class: "facts" }, h("dt", {}, "keyID"), h("dd", {}, h("code", { id: "new-key-id" }, key.applicationKeyId))),
          h("div", { class: "secret" }, h("output", { id: "new-key-secret", "aria-label": "Application key" }, key.applicationKey), copy)));
        nameInput.value = "";
        copy.focus();
        load(null);
      } catch (err) {
        createError.show(err);
      }
    });
    return form;
  }

  page.append(error, h("div", { class: "card table-wrap" }, h("table", { id: "keys" },
    h("caption", { class: "visually-hidden" }, "Application keys"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Key ID"), h("th", { scope: "col", class: "wide-only" }, "Scope"),
      h("th", { scope: "col", class: "wide-only" }, "Capabilities"), h("th", { scope: "col", class: "wide-only" }, "Expires"),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    tbody), pager));
  load(null);
  return page;
}
