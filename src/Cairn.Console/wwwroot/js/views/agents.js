// Agents: MCP clients sign in with an agent token (b2_create_agent_token), which carries this key's capabilities and
// scope, never its secret. Tokens expire on their own and die with their key.
import { h, field, errorArea, copyText, when } from "../dom.js";

export async function agentsView(b2) {
  const error = errorArea();
  const result = h("div", { "aria-live": "polite" });
  const [hoursField, hoursInput] = field("Valid for (hours)", { type: "number", name: "hours", min: 1, max: 24, value: 1 });
  const form = h("form", { class: "card", "aria-labelledby": "agent-title" },
    h("h2", { id: "agent-title" }, "Give an agent access"),
    h("p", {}, "An agent token lets an AI agent use Cairn's MCP endpoint with this key's capabilities and scope. ",
      "Cairn keeps no list of issued tokens: each one expires on its own, and deleting the key revokes every token made from it ",
      "(so give each agent its own key, from ", h("a", { href: "#/keys" }, "Keys"), ")."),
    h("div", { class: "row" }, hoursField, h("button", { type: "submit", class: "primary" }, "Create agent token")),
    error, result);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.clear();
    try {
      const t = await b2.call("b2_create_agent_token", { validDurationInSeconds: Number(hoursInput.value) * 3600 });
      const copy = h("button", { type: "button", onclick: (ev) => copyText(t.agentToken, ev.currentTarget) }, "Copy token");
      result.replaceChildren(h("div", { class: "card" },
        h("dl", { class: "facts" },
          h("dt", {}, "MCP endpoint"), h("dd", {}, h("code", {}, t.mcpUrl)),
          h("dt", {}, "Expires"), h("dd", {}, when(t.expirationTimestamp))),
        h("div", { class: "secret" }, h("output", { "aria-label": "Agent token" }, t.agentToken), copy)));
    } catch (err) {
      error.show(err);
    }
  });
  return h("div", {}, h("h1", {}, "Agents"), form);
}
