// Signs in to Cairn's /mcp with the TypeScript MCP SDK's own OAuth client, given only the URL: the SDK finds the
// metadata from the 401, registers, and hands the authorization URL to the provider; the person's consent is the
// consent page's form, posted here as the page posts it; the SDK trades the code with PKCE and calls tools.
// Prints one JSON object with what it saw. The C# test (McpTypeScriptOAuthTests) asserts on it.
// Usage: node mcp_oauth_client.mjs <mcpUrl> <applicationKeyId> <applicationKey> <redirectUri>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";

const [mcpUrl, keyId, applicationKey, redirectUri] = process.argv.slice(2);

/** An in-memory OAuthClientProvider, as a desktop client keeps one per server. */
class MemoryProvider {
  constructor() {
    this.authorizationUrls = [];
  }
  get redirectUrl() { return redirectUri; }
  get clientMetadata() {
    return {
      client_name: "TypeScript SDK agent",
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  }
  state() { return "ts-state-" + Math.random().toString(16).slice(2); }
  clientInformation() { return this.client; }
  saveClientInformation(client) { this.client = client; }
  tokens() { return this.savedTokens; }
  saveTokens(tokens) { this.savedTokens = tokens; }
  redirectToAuthorization(url) { this.authorizationUrls.push(url); }
  saveCodeVerifier(verifier) { this.verifier = verifier; }
  codeVerifier() { return this.verifier; }
}

const text = (result) => result.content.filter((c) => c.type === "text").map((c) => c.text).join("");
const provider = new MemoryProvider();
const out = {};

let client = new Client({ name: "cairn-compat-oauth", version: "1.0.0" });
let transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
try {
  await client.connect(transport);
  out.connectedWithoutSignIn = true;
} catch (e) {
  out.firstConnect = e instanceof UnauthorizedError ? "unauthorized" : String(e);
}

// The person opens the authorization URL and approves (read-only, as preselected).
const authorizationUrl = provider.authorizationUrls[0];
out.authorizationParameters = Object.fromEntries([...authorizationUrl.searchParams].filter(([k]) => k !== "code_challenge" && k !== "state"));
const page = await fetch(authorizationUrl);
out.consentPageStatus = page.status;
out.consentPageNamesClient = (await page.text()).includes("TypeScript SDK agent");
const form = new URLSearchParams(authorizationUrl.searchParams);
form.append("key_id", keyId);
form.append("application_key", applicationKey);
for (const capability of ["listBuckets", "listFiles", "readFiles"]) {
  form.append("capability", capability);
}
form.append("name_prefix", "");
form.append("valid_for_seconds", "3600");
form.append("decision", "approve");
const consent = await fetch(new URL("/oauth/authorize", mcpUrl), { method: "POST", body: form, redirect: "manual" });
out.consentStatus = consent.status;
const back = new URL(consent.headers.get("location"));
out.redirectedTo = back.origin + back.pathname;
out.stateReturned = back.searchParams.get("state") === authorizationUrl.searchParams.get("state");
await transport.finishAuth(back.searchParams.get("code"));

client = new Client({ name: "cairn-compat-oauth", version: "1.0.0" });
transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
await client.connect(transport);
out.clientRegistered = typeof provider.client?.client_id === "string";
out.tokenType = provider.savedTokens?.token_type;
out.hasRefreshToken = typeof provider.savedTokens?.refresh_token === "string";
out.tools = (await client.listTools()).tools.map((t) => t.name).sort();
const buckets = await client.callTool({ name: "list_buckets", arguments: {} });
out.listBuckets = { isError: buckets.isError === true, text: text(buckets) };
const found = await client.callTool({ name: "search_operations", arguments: { intent: "list the files in a folder", limit: 3 } });
out.search = { isError: found.isError === true, text: text(found) };
const refused = await client.callTool({ name: "call_operation", arguments: { operation: "b2_get_upload_url", arguments: { bucketId: "x" } } });
out.refusedWrite = { isError: refused.isError === true, text: text(refused) };
out.authorizationUrlsSeen = provider.authorizationUrls.length;
await client.close();
console.log(JSON.stringify(out));
