using System.Text.Json;
using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Mcp;

/// <summary>
/// The TypeScript MCP SDK (@modelcontextprotocol/sdk from npm, installed by test.sh into Mcp/node) as a client of
/// /mcp: tool lists per key, an upload/list/download round trip, a refusal outside the key's scope and the
/// confirmation gate. Fails, never skips, when node or the package is missing.
/// </summary>
public class McpTypeScriptClientTests(ITestOutputHelper output) : CompatTest(output)
{
    [Fact]
    public async Task TypeScriptSdk_SeesScopedTools_RoundTripsAndHitsTheGate()
    {
        var script = Path.Combine(RepositoryRoot(), "test", "Cairn.Compat.Tests", "Mcp", "node", "mcp_client.mjs");
        var sdk = Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "@modelcontextprotocol", "sdk", "package.json");
        Assert.True(File.Exists(sdk), $"@modelcontextprotocol/sdk is not installed at {sdk}: run ./test.sh (it runs npm install there); the compatibility tests never skip.");
        using var master = await B2Session.AuthorizeAsync(Server, 4);
        var bucketId = await master.CreateBucketAsync(BucketName);
        var otherBucketId = await master.CreateBucketAsync(BucketName + "-other");
        var (_, readToken) = await AgentAccess.MintAsync(master, ["listBuckets", "listFiles", "readFiles"], bucketIds: [bucketId]);
        var (_, fullToken) = await AgentAccess.MintAsync(master, ["listBuckets", "listFiles", "readFiles", "writeFiles", "deleteFiles"], bucketIds: [bucketId]);

        var result = await ProcessRunner.RunAsync("node", [script, Server.BaseUrl + "/mcp", readToken, fullToken, bucketId, BucketName, otherBucketId],
            workingDirectory: Path.GetDirectoryName(script), timeout: TimeSpan.FromSeconds(60),
            missingHint: "node is missing (apt-get install nodejs npm); the compatibility tests never skip.");
        result.EnsureSuccess();
        Output.WriteLine(result.Stdout);
        var seen = JsonDocument.Parse(result.Stdout).RootElement;

        Assert.Equal(["call_operation", "describe_operation", "download_file", "get_file_info", "get_lifecycle_rules", "list_buckets", "list_files", "list_parts", "search_operations"], Names(seen, "readOnlyTools"));
        Assert.Contains("upload_file", Names(seen, "fullTools"));
        Assert.Contains("delete_file_version", Names(seen, "fullTools"));
        Assert.DoesNotContain("upload_file", Names(seen, "readOnlyTools"));

        Assert.False(seen.GetProperty("upload").GetProperty("isError").GetBoolean());
        Assert.Contains("ts/hello.txt", Body(seen, "list"), StringComparison.Ordinal);
        Assert.Equal("hello from typescript", JsonDocument.Parse(Body(seen, "download")).RootElement.GetProperty("content").GetString());
        Assert.True(seen.GetProperty("readOnlyUpload").GetProperty("isError").GetBoolean());

        Assert.True(seen.GetProperty("outOfScope").GetProperty("isError").GetBoolean());
        Assert.StartsWith("unauthorized:", Body(seen, "outOfScope"), StringComparison.Ordinal);

        Assert.True(seen.GetProperty("deleteWithoutConfirm").GetProperty("isError").GetBoolean());
        Assert.StartsWith("confirmation_required", Body(seen, "deleteWithoutConfirm"), StringComparison.Ordinal);
        Assert.Contains("ts/hello.txt", Body(seen, "listAfterGate"), StringComparison.Ordinal);
        Assert.False(seen.GetProperty("deleteConfirmed").GetProperty("isError").GetBoolean(), Body(seen, "deleteConfirmed"));
    }

    private static List<string?> Names(JsonElement seen, string property) =>
        seen.GetProperty(property).EnumerateArray().Select(e => e.GetString()).ToList();

    private static string Body(JsonElement seen, string property) => seen.GetProperty(property).GetProperty("text").GetString()!;

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cairn.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Cairn.slnx not found above " + AppContext.BaseDirectory);
    }
}
