// The console's shell: sign-in, the session, the navigation and a hash router over the views.
import { authorize, savedSession, forget, B2 } from "./b2.js";
import { h, field, errorArea } from "./dom.js";
import { bucketsView } from "./views/buckets.js";
import { filesView } from "./views/files.js";
import { settingsView } from "./views/settings.js";
import { keysView } from "./views/keys.js";
import { agentsView } from "./views/agents.js";
import { accountView } from "./views/account.js";

const main = document.getElementById("main");
const nav = document.getElementById("nav");
const who = document.getElementById("who");
let b2 = null;
let expiredMessage = "";

function signOut(message = "") {
  forget();
  b2 = null;
  expiredMessage = message;
  location.hash = "#/";
  render();
}

function start(session) {
  b2 = new B2(session, () => signOut("Your session has expired. Sign in again."));
}

function signInView() {
  nav.hidden = true;
  who.replaceChildren();
  const error = errorArea();
  const [idField, idInput] = field("Application key ID", { name: "keyId", autocomplete: "username", required: true, spellcheck: "false" });
  const [keyField, keyInput] = field("Application key", { name: "key", type: "password", autocomplete: "current-password", required: true });
  const button = h("button", { type: "submit", class: "primary" }, "Sign in");
  const form = h("form", { class: "card signin", "aria-labelledby": "signin-title" },
    h("h1", { id: "signin-title" }, "Sign in to Cairn"),
    h("p", { class: "muted" }, "Use an application key. The console keeps only a session token in this tab, never the key."),
    idField, keyField, error, h("div", { class: "row" }, button));
  if (expiredMessage) error.show({ message: expiredMessage });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.clear();
    button.disabled = true;
    try {
      const session = await authorize(idInput.value.trim(), keyInput.value);
      keyInput.value = "";
      expiredMessage = "";
      start(session);
      location.hash = "#/buckets";
      render();
    } catch (err) {
      error.show(err);
      keyInput.focus();
    } finally {
      button.disabled = false;
    }
  });
  main.replaceChildren(form);
  idInput.focus();
}

const routes = [
  [/^#\/buckets\/([^/]+)\/settings$/, (m) => settingsView(b2, decodeURIComponent(m[1])), "buckets"],
  [/^#\/buckets\/([^/?]+)(?:\?(.*))?$/, (m) => filesView(b2, decodeURIComponent(m[1]), new URLSearchParams(m[2] ?? "")), "buckets"],
  [/^#\/keys$/, () => keysView(b2), "keys"],
  [/^#\/agents$/, () => agentsView(b2), "agents"],
  [/^#\/account$/, () => accountView(b2), "account"],
  [/^#\/buckets$/, () => bucketsView(b2), "buckets"],
];

async function render() {
  if (!b2) {
    signInView();
    return;
  }
  nav.hidden = false;
  who.replaceChildren(
    h("span", {}, "Key ", h("code", {}, b2.session.keyId)),
    h("button", { type: "button", onclick: () => signOut() }, "Sign out"));
  let hash = location.hash;
  let route = routes.find(([re]) => re.test(hash));
  if (!route) {
    hash = "#/buckets";
    history.replaceState(null, "", hash);
    route = routes.at(-1);
  }
  const [re, view, section] = route;
  for (const a of nav.querySelectorAll("a")) {
    if (a.dataset.section === section) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const content = h("div", { "aria-busy": "true" }, h("p", { class: "muted" }, "Loading…"));
  main.replaceChildren(content);
  try {
    const node = await view(hash.match(re));
    if (main.firstChild === content) main.replaceChildren(node);
  } catch (err) {
    const error = errorArea();
    error.show(err);
    if (main.firstChild === content) main.replaceChildren(error);
  }
  if (document.activeElement === document.body) main.focus({ preventScroll: true });
}

const saved = savedSession();
if (saved) start(saved);
window.addEventListener("hashchange", render);
render();
