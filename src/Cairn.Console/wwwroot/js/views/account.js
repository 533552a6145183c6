// Account: what b2_authorize_account tells about this account and key, and the buckets it can see.
import { h, when, bytes } from "../dom.js";

export async function accountView(b2) {
  const s = b2.session;
  const a = s.allowed;
  const buckets = await b2.listBuckets().catch(() => []);
  return h("div", {}, h("h1", {}, "Account"),
    h("section", { class: "card", "aria-labelledby": "acct" }, h("h2", { id: "acct" }, "This account"),
      h("dl", { class: "facts" },
        h("dt", {}, "Account ID"), h("dd", {}, h("code", {}, s.accountId)),
        h("dt", {}, "Buckets visible"), h("dd", {}, String(buckets.length)),
        h("dt", {}, "API URL"), h("dd", {}, h("code", {}, s.apiUrl)),
        h("dt", {}, "S3 API URL"), h("dd", {}, h("code", {}, s.s3ApiUrl)),
        h("dt", {}, "Recommended part size"), h("dd", {}, bytes(s.recommendedPartSize)),
        h("dt", {}, "Minimum part size"), h("dd", {}, bytes(s.absoluteMinimumPartSize)))),
    h("section", { class: "card", "aria-labelledby": "thiskey" }, h("h2", { id: "thiskey" }, "The signed-in key"),
      h("dl", { class: "facts" },
        h("dt", {}, "Key ID"), h("dd", {}, h("code", {}, s.keyId)),
        h("dt", {}, "Buckets"), h("dd", {}, a.buckets ? a.buckets.map((b) => b.name ?? b.id).join(", ") : "all"),
        h("dt", {}, "File name prefix"), h("dd", {}, a.namePrefix ?? "any"),
        h("dt", {}, "Expires"), h("dd", {}, s.keyExpires ? when(s.keyExpires) : "never"),
        h("dt", {}, "Capabilities"), h("dd", {}, a.capabilities.join(", ")))),
    h("p", { class: "muted" }, "Stored bytes, file counts and the account's caps are not part of the public B2 API, ",
      "so the console, which uses only that API, does not show them."));
}
