// Drives Cairn's /mcp endpoint with the TypeScript MCP SDK, as an agent would, and prints one JSON object with
// what it saw. The C# test (McpTypeScriptClientTests) asserts on it.
// Usage: node mcp_client.mjs <mcpUrl> <readOnlyToken> <fullToken> <bucketId> <bucketName> <otherBucketId>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [mcpUrl, readToken, fullToken, bucketId, bucketName, otherBucketId] = process.argv.slice(2);

async function connect(token) {
  const client = new Client({ name: "cairn-compat", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

const text = (result) => result.content.filter((c) => c.type === "text").map((c) => c.text).join("");

async function call(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  return { isError: result.isError === true, text: text(result) };
}

const reader = await connect(readToken);
const writer = await connect(fullToken);
const out = {};
out.readOnlyTools = (await reader.listTools()).tools.map((t) => t.name).sort();
out.fullTools = (await writer.listTools()).tools.map((t) => t.name).sort();

out.upload = await call(writer, "upload_file", { bucketId, fileName: "ts/hello.txt", content: "hello from typescript" });
out.list = await call(reader, "list_files", { bucketId, prefix: "ts/" });
out.download = await call(reader, "download_file", { bucketName, fileName: "ts/hello.txt" });
out.readOnlyUpload = await call(reader, "upload_file", { bucketId, fileName: "ts/no.txt", content: "x" }).catch((e) => ({ isError: true, text: String(e) }));
out.outOfScope = await call(writer, "list_files", { bucketId: otherBucketId });

const fileId = JSON.parse(out.upload.text).fileId;
out.deleteWithoutConfirm = await call(writer, "delete_file_version", { fileId, fileName: "ts/hello.txt" });
out.listAfterGate = await call(reader, "list_files", { bucketId, prefix: "ts/" });
out.deleteConfirmed = await call(writer, "delete_file_version", { fileId, fileName: "ts/hello.txt", confirm: true });

await reader.close();
await writer.close();
process.stdout.write(JSON.stringify(out));
