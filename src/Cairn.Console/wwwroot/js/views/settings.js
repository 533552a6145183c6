// Bucket settings, each saved on its own through b2_update_bucket (or the notification rules calls), with the
// server's validation message shown next to the setting it is about.
import { h, field, errorArea, announce } from "../dom.js";

export async function settingsView(b2, bucketId) {
  let bucket = await b2.bucket(bucketId);
  const canWrite = b2.can("writeBuckets");
  const page = h("div", {},
    h("nav", { "aria-label": "Breadcrumb" }, h("ol", { class: "crumbs" },
      h("li", {}, h("a", { href: "#/buckets" }, "Buckets")),
      h("li", {}, h("a", { href: "#/buckets/" + encodeURIComponent(bucketId) }, bucket.bucketName)),
      h("li", {}, h("span", { "aria-current": "page" }, "Settings")))),
    h("h1", {}, `Settings of ${bucket.bucketName}`),
    canWrite ? null : h("p", { class: "muted" }, "This key cannot change bucket settings (it lacks writeBuckets)."));

  /** A form for one setting: its fields, a Save button, and its own error and success lines. */
  function section(id, title, fields, save, note) {
    const error = errorArea();
    const ok = h("p", { class: "ok", role: "status" });
    const form = h("form", { class: "card", id, "aria-labelledby": id + "-title" },
      h("h2", { id: id + "-title" }, title), note ? h("p", { class: "muted" }, note) : null, fields, error, ok,
      canWrite ? h("div", { class: "row" }, h("button", { type: "submit", class: "primary" }, "Save")) : null);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      error.clear();
      ok.textContent = "";
      try {
        await save();
        ok.textContent = "Saved.";
        announce(`${title} saved`);
      } catch (err) {
        error.show(err);
      }
    });
    return form;
  }

  const update = async (changes) => {
    bucket = await b2.call("b2_update_bucket", { accountId: b2.accountId, bucketId, ...changes });
    return bucket;
  };

  const json = (value) => JSON.stringify(value ?? [], null, 2);
  const parse = (text, what) => {
    try {
      return JSON.parse(text || "null");
    } catch (err) {
      throw new Error(`${what} is not valid JSON: ${err.message}`);
    }
  };

  // Type
  const [typeField, typeInput] = field("Bucket type", { tag: "select", name: "bucketType", options: [
    h("option", { value: "allPrivate", selected: bucket.bucketType === "allPrivate" }, "Private: files need a token"),
    h("option", { value: "allPublic", selected: bucket.bucketType === "allPublic" }, "Public: anyone can download by name")] });
  page.append(section("type", "Type", typeField, () => update({ bucketType: typeInput.value })));

  // Lifecycle rules: one row per rule.
  const rulesBody = h("tbody");
  const addRule = (rule = {}) => {
    const n = rulesBody.children.length + 1;
    const cell = (name, label, value, attrs = {}) => h("td", {}, h("input", { name, value: value ?? "", "aria-label": `${label} of rule ${n}`, ...attrs }));
    const row = h("tr", { class: "rule" },
      cell("fileNamePrefix", "File name prefix", rule.fileNamePrefix, { placeholder: "all files" }),
      cell("daysFromUploadingToHiding", "Days from uploading to hiding", rule.daysFromUploadingToHiding, { type: "number" }),
      cell("daysFromHidingToDeleting", "Days from hiding to deleting", rule.daysFromHidingToDeleting, { type: "number" }),
      h("td", {}, h("button", { type: "button", "aria-label": `Remove rule ${n}`, onclick: () => row.remove() }, "Remove")));
    rulesBody.append(row);
    return row;
  };
  for (const rule of bucket.lifecycleRules ?? []) addRule(rule);
  const number = (v) => (v === "" ? null : Number(v));
  page.append(section("lifecycle", "Lifecycle rules", [
    h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "File name prefix"), h("th", { scope: "col" }, "Days to hide"),
        h("th", { scope: "col" }, "Days to delete"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Remove")))),
      rulesBody)),
    h("button", { type: "button", onclick: () => addRule().querySelector("input").focus() }, "Add rule"),
  ], () => update({ lifecycleRules: [...rulesBody.children].map((row) => {
    const get = (name) => row.querySelector(`[name=${name}]`).value;
    return { fileNamePrefix: get("fileNamePrefix"), daysFromUploadingToHiding: number(get("daysFromUploadingToHiding")), daysFromHidingToDeleting: number(get("daysFromHidingToDeleting")) };
  }) }), "Hide files some days after upload, and delete hidden versions some days after hiding. Empty means never."));

  // CORS
  const [corsField, corsInput] = field("CORS rules (JSON)", { tag: "textarea", name: "corsRules", spellcheck: "false" },
    "A list of rules: corsRuleName, allowedOrigins, allowedOperations, allowedHeaders, exposeHeaders, maxAgeSeconds.");
  corsInput.value = json(bucket.corsRules);
  page.append(section("cors", "CORS", corsField, () => update({ corsRules: parse(corsInput.value, "CORS rules") ?? [] })));

  // Object Lock and default retention
  const lock = bucket.fileLockConfiguration;
  const readable = lock?.isClientAuthorizedToRead !== false;
  const enabled = !!lock?.value?.isFileLockEnabled;
  const retention = lock?.value?.defaultRetention ?? {};
  const [modeField, modeInput] = field("Default retention mode", { tag: "select", name: "mode", options: [
    h("option", { value: "", selected: !retention.mode }, "None"),
    h("option", { value: "governance", selected: retention.mode === "governance" }, "Governance"),
    h("option", { value: "compliance", selected: retention.mode === "compliance" }, "Compliance")] });
  const [durationField, durationInput] = field("Period", { type: "number", name: "duration", min: 1, value: retention.period?.duration ?? "" });
  const [unitField, unitInput] = field("Unit", { tag: "select", name: "unit", options: [
    h("option", { value: "days", selected: retention.period?.unit !== "years" }, "days"),
    h("option", { value: "years", selected: retention.period?.unit === "years" }, "years")] });
  const enable = h("input", { type: "checkbox", name: "fileLockEnabled", checked: enabled, disabled: enabled });
  page.append(section("object-lock", "Object Lock", [
    readable ? null : h("p", { class: "muted" }, "This key cannot read the Object Lock settings (readBucketRetentions)."),
    h("label", { class: "inline" }, enable, enabled ? "Object Lock is enabled (it cannot be turned off)" : "Enable Object Lock"),
    h("div", { class: "row" }, modeField, durationField, unitField),
  ], () => {
    const changes = {};
    if (enable.checked && !enabled) changes.fileLockEnabled = true;
    changes.defaultRetention = modeInput.value
      ? { mode: modeInput.value, period: { duration: Number(durationInput.value), unit: unitInput.value } }
      : { mode: null };
    return update(changes);
  }));

  // Default encryption
  const sse = bucket.defaultServerSideEncryption?.value?.mode ?? "none";
  const [sseField, sseInput] = field("Default encryption", { tag: "select", name: "mode", options: [
    h("option", { value: "none", selected: sse !== "SSE-B2" }, "None"),
    h("option", { value: "SSE-B2", selected: sse === "SSE-B2" }, "SSE-B2 (AES-256, keys held by Cairn)")] });
  page.append(section("encryption", "Default encryption", sseField, () => update({
    defaultServerSideEncryption: sseInput.value === "SSE-B2" ? { mode: "SSE-B2", algorithm: "AES256" } : { mode: "none" },
  })));

  // Event notifications
  const [eventsField, eventsInput] = field("Event notification rules (JSON)", { tag: "textarea", name: "eventNotificationRules", spellcheck: "false" },
    "A list of rules: name, eventTypes, objectNamePrefix, isEnabled, targetConfiguration { targetType: \"webhook\", url }.");
  try {
    const rules = await b2.call("b2_get_bucket_notification_rules", { bucketId });
    eventsInput.value = json(rules.eventNotificationRules);
  } catch (err) {
    eventsInput.value = "[]";
    eventsInput.setAttribute("placeholder", err.message);
  }
  page.append(section("notifications", "Event notifications", eventsField, async () => {
    const result = await b2.call("b2_set_bucket_notification_rules", { bucketId, eventNotificationRules: parse(eventsInput.value, "Event notification rules") ?? [] });
    eventsInput.value = json(result.eventNotificationRules);
  }));

  // Replication
  const [replField, replInput] = field("Replication configuration (JSON)", { tag: "textarea", name: "replicationConfiguration", spellcheck: "false" },
    "asReplicationSource { replicationRules, sourceApplicationKeyId } and/or asReplicationDestination { sourceToDestinationKeyMapping }.");
  const rc = bucket.replicationConfiguration;
  replInput.value = JSON.stringify((rc && "isClientAuthorizedToRead" in rc ? rc.value : rc) ?? {}, null, 2);
  page.append(section("replication", "Replication", replField, () => update({ replicationConfiguration: parse(replInput.value, "Replication configuration") ?? {} })));

  return page;
}
