// Files: browse a bucket folder by folder (b2_list_file_names with a '/' delimiter, one page at a time, so a bucket of
// millions of files opens as fast as a small one), filter by prefix, upload, download, info, versions, hide, copy.
import { h, field, errorArea, confirmAction, ask, announce, bytes, when, saveBlob, folderIcon } from "../dom.js";
import { enqueue, uploadList } from "../upload.js";

const PAGE = 100;

export async function filesView(b2, bucketId, params) {
  const bucket = await b2.bucket(bucketId);
  const root = b2.allowed.namePrefix ?? "";
  let prefix = params.get("prefix") ?? root;
  if (!prefix.startsWith(root)) prefix = root;
  const showVersions = params.get("versions") === "1";
  const error = errorArea();
  const tbody = h("tbody");
  const pager = h("div", { class: "pager" });
  const starts = [null]; // the start of each page seen, for Previous
  let filter = "";

  const link = (p, versions = showVersions) => `#/buckets/${encodeURIComponent(bucketId)}?` +
    new URLSearchParams({ prefix: p, ...(versions ? { versions: "1" } : {}) }).toString();

  // Breadcrumbs from the key's root down to this folder.
  const crumbs = h("ol", { class: "crumbs" },
    h("li", {}, h("a", { href: link(root) }, bucket.bucketName + (root ? ` (${root})` : ""))));
  let acc = root;
  for (const part of prefix.slice(root.length).split("/").filter(Boolean)) {
    acc += part + "/";
    crumbs.append(h("li", {}, acc === prefix ? h("span", { "aria-current": "location" }, part) : h("a", { href: link(acc) }, part)));
  }

  async function load(start) {
    error.clear();
    tbody.replaceChildren(h("tr", {}, h("td", { colspan: 5, class: "muted" }, "Loading…")));
    let list;
    try {
      const body = { bucketId, prefix: prefix + filter, delimiter: "/", maxFileCount: PAGE };
      if (showVersions) {
        if (start) Object.assign(body, { startFileName: start.name, startFileId: start.id });
        list = await b2.call("b2_list_file_versions", body);
      } else {
        if (start) body.startFileName = start.name;
        list = await b2.call("b2_list_file_names", body);
      }
    } catch (err) {
      tbody.replaceChildren();
      error.show(err);
      return;
    }
    const rows = list.files.map((f) => f.action === "folder" ? folderRow(f) : fileRow(f));
    tbody.replaceChildren(...(rows.length ? rows : [h("tr", {}, h("td", { colspan: 5, class: "muted" }, filter ? "No file names start with this filter." : "This folder is empty."))]));
    pager.replaceChildren();
    const index = starts.length - 1;
    if (index > 0) pager.append(h("button", { type: "button", onclick: () => { starts.pop(); load(starts.at(-1)); } }, "Previous page"));
    if (list.nextFileName) {
      pager.append(h("button", { type: "button", onclick: () => { const s = { name: list.nextFileName, id: list.nextFileId }; starts.push(s); load(s); } }, "Next page"));
    }
    pager.append(h("span", { class: "muted" }, `Page ${index + 1}`));
  }

  function folderRow(f) {
    const name = f.fileName.slice(prefix.length);
    return h("tr", { class: "folder" },
      h("th", { scope: "row" }, h("a", { href: link(f.fileName) }, folderIcon(), name)),
      h("td", { class: "num" }), h("td", { class: "wide-only" }), h("td", { class: "wide-only" }), h("td", { class: "actions" }));
  }

  function fileRow(f) {
    const name = f.fileName.slice(prefix.length);
    const label = (verb) => ({ "aria-label": `${verb} ${f.fileName}` });
    const hidden = f.action === "hide";
    const actions = h("td", { class: "actions" });
    const button = (text, onclick, extra = {}) => h("button", { type: "button", ...label(text), ...extra, onclick }, text);
    if (!hidden && b2.can("readFiles")) actions.append(button("Download", () => download(f)), " ");
    actions.append(button("Info", () => info(f)), " ");
    actions.append(button("Versions", () => versions(f.fileName)), " ");
    if (!hidden && !showVersions && b2.can("writeFiles")) actions.append(button("Copy", () => copy(f)), " ");
    if (!hidden && !showVersions && b2.can("writeFiles")) actions.append(button("Hide", () => hide(f.fileName)), " ");
    if (showVersions && b2.can("deleteFiles")) actions.append(button(hidden ? "Unhide" : "Delete", () => deleteVersion(f), { class: "danger" }));
    return h("tr", { class: hidden ? "hidden-file" : "file" },
      h("th", { scope: "row" }, name, hidden ? h("span", { class: "tag" }, " hidden") : null),
      h("td", { class: "num" }, hidden ? "" : bytes(f.contentLength)),
      h("td", { class: "wide-only" }, when(f.uploadTimestamp)),
      h("td", { class: "wide-only" }, f.contentType === "application/x-bz-hide-marker" ? "" : f.contentType),
      actions);
  }

  async function download(f) {
    error.clear();
    try {
      announce(`Downloading ${f.fileName}`);
      saveBlob(await b2.download(f.fileId), f.fileName);
    } catch (err) {
      error.show(err);
    }
  }

  async function info(f) {
    let full = f;
    try {
      if (f.action !== "hide") full = await b2.call("b2_get_file_info", { fileId: f.fileId });
    } catch (err) {
      error.show(err);
      return;
    }
    const facts = [
      ["Name", full.fileName], ["File ID", full.fileId], ["Size", bytes(full.contentLength)], ["Content type", full.contentType],
      ["SHA-1", full.contentSha1], ["Uploaded", when(full.uploadTimestamp)], ["Action", full.action],
      ["Encryption", full.serverSideEncryption?.mode ?? ""],
      ["Retention", full.fileRetention?.value?.mode ? `${full.fileRetention.value.mode} until ${when(full.fileRetention.value.retainUntilTimestamp)}` : ""],
      ["Legal hold", full.legalHold?.value ?? ""],
      ...Object.entries(full.fileInfo ?? {}).map(([k, v]) => [k, v]),
    ].filter(([, v]) => v !== undefined && v !== null && v !== "");
    await ask("File info", () => [h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))]))], { submitLabel: "Close" });
  }

  async function versions(fileName) {
    const body = h("div", { class: "table-wrap" }, h("p", { class: "muted" }, "Loading…"));
    const dlgError = errorArea();
    const refresh = async () => {
      dlgError.clear();
      try {
        const list = await b2.call("b2_list_file_versions", { bucketId, startFileName: fileName, prefix: fileName, maxFileCount: 1000 });
        const mine = list.files.filter((v) => v.fileName === fileName);
        body.replaceChildren(h("table", {}, h("caption", { class: "visually-hidden" }, `Versions of ${fileName}`),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Uploaded"), h("th", { scope: "col" }, "Kind"), h("th", { scope: "col" }, "Size"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
          h("tbody", {}, mine.map((v, i) => h("tr", { class: "version", dataset: { action: v.action } },
            h("td", {}, when(v.uploadTimestamp), i === 0 ? h("span", { class: "tag" }, " latest") : null),
            h("td", {}, v.action === "hide" ? "hide marker" : v.action),
            h("td", { class: "num" }, v.action === "hide" ? "" : bytes(v.contentLength)),
            h("td", { class: "actions" },
              v.action === "upload" && b2.can("readFiles") ? h("button", { type: "button", onclick: () => download(v) }, "Download") : null, " ",
              b2.can("deleteFiles") ? h("button", { type: "button", class: "danger", onclick: async () => {
                try {
                  await b2.call("b2_delete_file_version", { fileName: v.fileName, fileId: v.fileId });
                  announce(v.action === "hide" ? "Unhidden" : "Version deleted");
                  await refresh();
                  load(starts.at(-1));
                } catch (err) { dlgError.show(err); }
              } }, v.action === "hide" && i === 0 ? "Unhide" : "Delete version") : null)))),
          mine.length ? null : h("p", { class: "muted" }, "No versions left.")));
      } catch (err) {
        dlgError.show(err);
      }
    };
    const closed = ask(`Versions of ${fileName}`, () => [h("p", { class: "muted" }, "Deleting a hide marker unhides the file."), dlgError, body], { submitLabel: "Close" });
    await refresh();
    await closed;
  }

  async function hide(fileName) {
    error.clear();
    try {
      await b2.call("b2_hide_file", { bucketId, fileName });
      announce(`${fileName} hidden`);
      load(starts.at(-1));
    } catch (err) {
      error.show(err);
    }
  }

  async function deleteVersion(f) {
    const unhide = f.action === "hide";
    const done = await confirmAction(unhide ? "Unhide file" : "Delete file version",
      unhide ? `Delete the hide marker of ${f.fileName}, so its last version shows again?` : `Delete this version of ${f.fileName} for good?`,
      unhide ? "Unhide" : "Delete version",
      () => b2.call("b2_delete_file_version", { fileName: f.fileName, fileId: f.fileId }));
    if (done) load(starts.at(-1));
  }

  async function copy(f) {
    const buckets = await b2.listBuckets().catch(() => [bucket]);
    const done = await ask(`Copy ${f.fileName}`, () => {
      const [nameField] = field("New file name", { name: "fileName", required: true, value: f.fileName + " copy" });
      const [bucketField] = field("To bucket", { tag: "select", name: "destinationBucketId",
        options: buckets.map((b) => h("option", { value: b.bucketId, selected: b.bucketId === bucketId }, b.bucketName)) });
      return [nameField, bucketField];
    }, { submitLabel: "Copy", onSubmit: (v) => b2.call("b2_copy_file", { sourceFileId: f.fileId, fileName: v.fileName, destinationBucketId: v.destinationBucketId }) });
    if (done) {
      announce("Copied");
      load(starts.at(-1));
    }
  }

  // Upload: a drop zone and a file picker; files land in the folder shown.
  const picker = h("input", { type: "file", multiple: true, id: "upload-input", class: "visually-hidden" });
  const drop = h("div", { class: "dropzone", id: "dropzone" },
    "Drop files here to upload them to ", h("code", {}, prefix || "/"), " or ",
    h("label", { for: "upload-input", class: "button", tabindex: "0", role: "button",
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); picker.click(); } } }, "choose files"),
    picker);
  const start = (files) => {
    for (const file of files) enqueue(b2, bucketId, prefix + file.name, file, () => load(starts.at(-1)));
  };
  picker.addEventListener("change", () => { start([...picker.files]); picker.value = ""; });
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); start([...e.dataTransfer.files]); });

  const [filterField, filterInput] = field("Filter by name prefix", { type: "search", name: "filter", placeholder: "e.g. 2024-" });
  const filterForm = h("form", { class: "row", role: "search" }, filterField, h("button", { type: "submit" }, "Filter"),
    h("label", { class: "inline" }, h("input", { type: "checkbox", checked: showVersions, onchange: (e) => { location.hash = link(prefix, e.target.checked); } }), "Show all versions and hidden files"));
  filterForm.addEventListener("submit", (e) => {
    e.preventDefault();
    filter = filterInput.value;
    starts.length = 1;
    load(null);
  });

  const page = h("div", {},
    h("div", { class: "row" }, h("h1", { class: "grow" }, bucket.bucketName),
      h("a", { class: "button", href: `#/buckets/${encodeURIComponent(bucketId)}/settings` }, "Bucket settings")),
    h("nav", { "aria-label": "Folder" }, crumbs),
    b2.can("writeFiles") ? drop : null,
    uploadList(),
    h("div", { class: "card" }, filterForm, error,
      h("div", { class: "table-wrap" }, h("table", { id: "files" },
        h("caption", { class: "visually-hidden" }, `Files in ${prefix || "the bucket"}`),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col", class: "num" }, "Size"),
          h("th", { scope: "col", class: "wide-only" }, "Uploaded"), h("th", { scope: "col", class: "wide-only" }, "Type"),
          h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
        tbody)),
      pager));
  load(null);
  return page;
}
