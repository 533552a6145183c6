// Small DOM helpers: elements from tag, attributes and children; dialogs; number and date formats.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

const SVG = "http://www.w3.org/2000/svg";

/** A folder icon drawn inline (no emoji font or image file needed), hidden from screen readers. */
export function folderIcon() {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "16");
  svg.setAttribute("height", "16");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "icon");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", "M1.5 3.5h4.2l1.5 1.5h7.3v8.5h-13z");
  svg.append(path);
  return svg;
}

let ids = 0;
export const uid = (p = "f") => `${p}${++ids}`;

/** A labelled input; returns [wrapper, input]. */
export function field(label, attrs = {}, hint) {
  const { tag, options, ...rest } = attrs;
  const id = rest.id ?? uid();
  const input = tag === "select" ? h("select", { ...rest, id }, options)
    : tag === "textarea" ? h("textarea", { ...rest, id })
    : h("input", { type: "text", ...rest, id });
  const hintId = hint ? id + "-hint" : undefined;
  if (hintId) input.setAttribute("aria-describedby", hintId);
  return [h("div", { class: "field" }, h("label", { for: id }, label), input, hint && h("small", { id: hintId, class: "muted" }, hint)), input];
}

/** An error area that shows a failure in place, announced to screen readers. */
export function errorArea() {
  const el = h("div", { class: "error", role: "alert", hidden: true });
  el.show = (error) => {
    el.textContent = describe(error);
    el.hidden = false;
  };
  el.clear = () => { el.hidden = true; el.textContent = ""; };
  return el;
}

export function describe(error) {
  if (!error) return "";
  const code = error.code && error.code !== "network" && error.code !== "aborted" ? ` (${error.code})` : "";
  return (error.message || String(error)) + code;
}

export function announce(text) {
  const s = document.getElementById("status");
  s.textContent = "";
  setTimeout(() => { s.textContent = text; }, 50);
}

/** A modal dialog with the given fields; resolves to the form's values, or null when cancelled. */
export function ask(title, build, { submitLabel = "OK", danger = false, onSubmit } = {}) {
  return new Promise((resolve) => {
    const error = errorArea();
    const form = h("form", { method: "dialog" });
    const dlg = h("dialog", { "aria-labelledby": "dlg-title" },
      form);
    const cancel = h("button", { type: "button", onclick: () => { dlg.close(); } }, "Cancel");
    const submit = h("button", { type: "submit", class: danger ? "danger" : "primary" }, submitLabel);
    form.append(h("h2", { id: "dlg-title" }, title), ...[].concat(build(form)), error, h("div", { class: "row" }, submit, cancel));
    let result = null;
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const values = Object.fromEntries(new FormData(form).entries());
      if (onSubmit) {
        submit.disabled = true;
        try {
          result = (await onSubmit(values, form)) ?? values;
        } catch (err) {
          error.show(err);
          submit.disabled = false;
          return;
        }
      } else {
        result = values;
      }
      dlg.close();
    });
    dlg.addEventListener("close", () => { dlg.remove(); resolve(result); });
    document.body.append(dlg);
    dlg.showModal();
    (form.querySelector("input, select, textarea") ?? submit).focus();
  });
}

export function confirmAction(title, message, label, action) {
  return ask(title, () => [h("p", {}, message)], { submitLabel: label, danger: true, onSubmit: async () => { await action(); return true; } });
}

export function bytes(n) {
  if (n === null || n === undefined) return "";
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return (i === 0 ? v : v.toFixed(v < 10 ? 2 : 1)) + " " + units[i];
}

export function when(ms) {
  if (!ms) return "";
  return new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = h("textarea", { class: "visually-hidden" }, text);
    document.body.append(ta);
    ta.select();
    document.execCommand("copy");
    ta.remove();
  }
  if (button) {
    const old = button.textContent;
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = old; }, 1500);
  }
  announce("Copied to the clipboard");
}

/** Saves a blob as a file through a temporary blob: URL. */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name.split("/").pop() || "download" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
