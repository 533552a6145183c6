// Buckets: the list the key may see, create, delete.
import { h, field, errorArea, confirmAction, announce } from "../dom.js";

export async function bucketsView(b2) {
  const buckets = await b2.listBuckets();
  const error = errorArea();
  const page = h("div", {}, h("h1", {}, "Buckets"));

  if (b2.can("writeBuckets") && !b2.allowed.buckets) {
    const [nameField, nameInput] = field("Bucket name", { name: "bucketName", required: true, minlength: 6, maxlength: 63, pattern: "[a-z0-9\\-]+", spellcheck: "false" },
      "6 to 63 characters: lowercase letters, digits and '-'.");
    const [typeField, typeInput] = field("Type", { tag: "select", name: "bucketType", options: [
      h("option", { value: "allPrivate" }, "Private"), h("option", { value: "allPublic" }, "Public")] });
    const lock = h("input", { type: "checkbox", name: "fileLockEnabled" });
    const createError = errorArea();
    const create = h("form", { class: "card", "aria-labelledby": "create-bucket" },
      h("h2", { id: "create-bucket" }, "Create a bucket"),
      h("div", { class: "row" }, nameField, typeField,
        h("label", { class: "inline" }, lock, "Object Lock"),
        h("button", { type: "submit", class: "primary" }, "Create bucket")),
      createError);
    create.addEventListener("submit", async (e) => {
      e.preventDefault();
      createError.clear();
      try {
        const bucket = await b2.call("b2_create_bucket", {
          accountId: b2.accountId, bucketName: nameInput.value.trim(), bucketType: typeInput.value,
          fileLockEnabled: lock.checked || undefined,
        });
        announce(`Bucket ${bucket.bucketName} created`);
        location.hash = "#/buckets/" + encodeURIComponent(bucket.bucketId);
      } catch (err) {
        createError.show(err);
        nameInput.focus();
      }
    });
    page.append(create);
  }

  page.append(error);
  if (!buckets.length) {
    page.append(h("p", { class: "muted" }, "No buckets yet."));
    return page;
  }
  const rows = buckets.sort((a, b) => a.bucketName.localeCompare(b.bucketName)).map((b) => h("tr", {},
    h("th", { scope: "row" }, h("a", { href: "#/buckets/" + encodeURIComponent(b.bucketId) }, b.bucketName)),
    h("td", {}, b.bucketType === "allPublic" ? "Public" : b.bucketType === "allPrivate" ? "Private" : b.bucketType),
    h("td", { class: "wide-only" }, h("code", {}, b.bucketId)),
    h("td", { class: "wide-only" }, [
      b.fileLockConfiguration?.value?.isFileLockEnabled ? h("span", { class: "tag" }, "Object Lock") : null, " ",
      b.defaultServerSideEncryption?.value?.mode === "SSE-B2" ? h("span", { class: "tag" }, "Encrypted") : null, " ",
      b.lifecycleRules?.length ? h("span", { class: "tag" }, `${b.lifecycleRules.length} lifecycle`) : null,
    ]),
    h("td", { class: "actions" },
      h("a", { class: "button", href: `#/buckets/${encodeURIComponent(b.bucketId)}/settings`, "aria-label": `Settings of ${b.bucketName}` }, "Settings"), " ",
      b2.can("deleteBuckets") ? h("button", { type: "button", class: "danger", "aria-label": `Delete ${b.bucketName}`, onclick: async () => {
        error.clear();
        const done = await confirmAction("Delete bucket", `Delete the bucket ${b.bucketName}? It must be empty.`, "Delete bucket",
          () => b2.call("b2_delete_bucket", { accountId: b2.accountId, bucketId: b.bucketId }));
        if (done) {
          announce(`Bucket ${b.bucketName} deleted`);
          window.dispatchEvent(new HashChangeEvent("hashchange"));
        }
      } }, "Delete") : null)));
  page.append(h("div", { class: "card table-wrap" }, h("table", {},
    h("caption", { class: "visually-hidden" }, "Buckets"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Type"),
      h("th", { scope: "col", class: "wide-only" }, "ID"), h("th", { scope: "col", class: "wide-only" }, "Settings"),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
    h("tbody", {}, rows))));
  return page;
}
