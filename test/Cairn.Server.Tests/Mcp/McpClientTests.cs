using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Cairn.Server.Tests.Support;
using Cairn.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Cairn.Server.Tests.Mcp;

/// <summary>The MCP endpoint through the C# SDK's own client, over HTTP, with agent tokens minted from scoped keys.</summary>
public class McpClientTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private static readonly string[] ReadOnly = ["listBuckets", "listFiles", "readFiles"];
    private static readonly string[] Full = ["listBuckets", "listFiles", "readFiles", "writeFiles", "deleteFiles", "shareFiles", "writeBuckets", "deleteBuckets", "listKeys", "writeKeys"];

    [Fact]
    public async Task ListTools_ShowsOnlyWhatTheKeyAllows()
    {
        var master = await fixture.SessionAsync(4);
        var (_, readToken) = await AgentAccess.MintAsync(master, ReadOnly);
        var (_, fullToken) = await AgentAccess.MintAsync(master, Full);

        await using var reader = await ConnectAsync(readToken);
        await using var writer = await ConnectAsync(fullToken);
        var readTools = (await reader.ListToolsAsync()).Select(t => t.Name).Order().ToList();
        var fullTools = (await writer.ListToolsAsync()).Select(t => t.Name).Order().ToList();

        Assert.Equal(["call_operation", "describe_operation", "download_file", "get_file_info", "get_lifecycle_rules", "list_buckets", "list_files", "list_parts", "search_operations"], readTools);
        Assert.Superset(readTools.ToHashSet(), fullTools.ToHashSet());
        Assert.Contains("upload_file", fullTools);
        Assert.Contains("delete_file_version", fullTools);
        Assert.Contains("create_key", fullTools);
        Assert.All(await writer.ListToolsAsync(), t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
    }

    [Fact]
    public async Task UploadListDownload_RoundTrip()
    {
        var master = await fixture.SessionAsync(4);
        var (bucketId, bucketName) = await master.NewNamedBucketAsync();
        var (_, token) = await AgentAccess.MintAsync(master, Full);
        await using var client = await ConnectAsync(token);

        var uploaded = await CallAsync(client, "upload_file", new() { ["bucketId"] = bucketId, ["fileName"] = "notes/hello.txt", ["content"] = "hello, agent" });
        var listed = await CallAsync(client, "list_files", new() { ["bucketId"] = bucketId, ["prefix"] = "notes/" });
        var downloaded = await CallAsync(client, "download_file", new() { ["bucketName"] = bucketName, ["fileName"] = "notes/hello.txt" });

        Assert.Equal("notes/hello.txt", uploaded.GetProperty("fileName").GetString());
        Assert.Equal(["notes/hello.txt"], listed.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileName").GetString()).ToList());
        Assert.Equal("text", downloaded.GetProperty("encoding").GetString());
        Assert.Equal("hello, agent", downloaded.GetProperty("content").GetString());

        // The same file through the B2 API: one object service behind both.
        using var viaB2 = await master.DownloadAsync($"file/{bucketName}/notes/hello.txt");
        Assert.Equal("hello, agent", await viaB2.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Binary_AndLargeContent_UseBase64AndUrls()
    {
        var master = await fixture.SessionAsync(4);
        var (bucketId, bucketName) = await master.NewNamedBucketAsync();
        var (_, token) = await AgentAccess.MintAsync(master, Full);
        await using var client = await ConnectAsync(token);
        var bytes = new byte[] { 0, 1, 2, 255 };
        await CallAsync(client, "upload_file", new() { ["bucketId"] = bucketId, ["fileName"] = "b.bin", ["content"] = Convert.ToBase64String(bytes), ["encoding"] = "base64" });
        await master.UploadAsync(bucketId, "big.bin", new byte[300 * 1024]);

        var small = await CallAsync(client, "download_file", new() { ["bucketName"] = bucketName, ["fileName"] = "b.bin" });
        var big = await CallAsync(client, "download_file", new() { ["bucketName"] = bucketName, ["fileName"] = "big.bin" });
        var uploadUrl = await CallAsync(client, "get_upload_url", new() { ["bucketId"] = bucketId });

        Assert.Equal("base64", small.GetProperty("encoding").GetString());
        Assert.Equal(bytes, Convert.FromBase64String(small.GetProperty("content").GetString()!));
        Assert.False(big.TryGetProperty("content", out _));
        using var anonymous = new HttpClient();
        var fetched = await anonymous.GetByteArrayAsync(big.GetProperty("downloadUrl").GetString());
        Assert.Equal(300 * 1024, fetched.Length);
        using var upload = await TestWire.PostUploadAsync(anonymous, uploadUrl.GetProperty("uploadUrl").GetString()!, uploadUrl.GetProperty("authorizationToken").GetString(),
            "via-url.txt", new ByteArrayContent(TestWire.Bytes("posted")), sha1: TestWire.Sha1Hex(TestWire.Bytes("posted")));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
    }

    [Fact]
    public async Task OutsideTheKeysScope_IsRefusedByTheObjectService()
    {
        var master = await fixture.SessionAsync(4);
        var mine = await master.NewBucketAsync();
        var other = await master.NewBucketAsync();
        var (_, token) = await AgentAccess.MintAsync(master, Full, bucketIds: [mine], namePrefix: "agent/");
        await using var client = await ConnectAsync(token);

        var otherBucket = await client.CallToolAsync("list_files", new Dictionary<string, object?> { ["bucketId"] = other });
        var otherPrefix = await client.CallToolAsync("upload_file", new Dictionary<string, object?> { ["bucketId"] = mine, ["fileName"] = "elsewhere.txt", ["content"] = "x" });
        var inside = await CallAsync(client, "upload_file", new() { ["bucketId"] = mine, ["fileName"] = "agent/ok.txt", ["content"] = "x" });

        Assert.True(otherBucket.IsError);
        Assert.StartsWith("unauthorized:", Text(otherBucket), StringComparison.Ordinal);
        Assert.True(otherPrefix.IsError);
        Assert.StartsWith("unauthorized:", Text(otherPrefix), StringComparison.Ordinal);
        Assert.Equal("agent/ok.txt", inside.GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task DestructiveTool_WithoutConfirm_ChangesNothing()
    {
        var master = await fixture.SessionAsync(4);
        var bucketId = await master.NewBucketAsync();
        var (_, token) = await AgentAccess.MintAsync(master, Full);
        await using var client = await ConnectAsync(token);
        var file = await CallAsync(client, "upload_file", new() { ["bucketId"] = bucketId, ["fileName"] = "keep.txt", ["content"] = "precious" });
        var fileId = file.GetProperty("fileId").GetString();

        var gated = await client.CallToolAsync("delete_file_version", new Dictionary<string, object?> { ["fileId"] = fileId, ["fileName"] = "keep.txt" });
        Assert.True(gated.IsError);
        Assert.StartsWith("confirmation_required:", Text(gated), StringComparison.Ordinal);
        Assert.Single((await CallAsync(client, "list_files", new() { ["bucketId"] = bucketId })).GetProperty("files").EnumerateArray());

        await CallAsync(client, "delete_file_version", new() { ["fileId"] = fileId, ["fileName"] = "keep.txt", ["confirm"] = true });
        Assert.Empty((await CallAsync(client, "list_files", new() { ["bucketId"] = bucketId })).GetProperty("files").EnumerateArray());
        var tools = await client.ListToolsAsync();
        Assert.True(tools.Single(t => t.Name == "delete_file_version").ProtocolTool.Annotations?.DestructiveHint);
    }

    [Fact]
    public async Task ListFiles_IsCappedAndPagesWithACursor()
    {
        var master = await fixture.SessionAsync(4);
        var bucketId = await master.NewBucketAsync();
        for (var i = 0; i < 5; i++)
        {
            await master.UploadAsync(bucketId, $"f{i}", TestWire.Bytes("x"));
        }
        var (_, token) = await AgentAccess.MintAsync(master, ReadOnly);
        await using var client = await ConnectAsync(token);

        var names = new List<string?>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await CallAsync(client, "list_files", new() { ["bucketId"] = bucketId, ["limit"] = 2, ["cursor"] = cursor });
            names.AddRange(page.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileName").GetString()));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(["f0", "f1", "f2", "f3", "f4"], names);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task CreateKey_KeepsTheSecretOutOfTheConversation()
    {
        var master = await fixture.SessionAsync(4);
        var (_, token) = await AgentAccess.MintAsync(master, Full);
        await using var client = await ConnectAsync(token);

        var created = await client.CallToolAsync("create_key", new Dictionary<string, object?> { ["keyName"] = "sub-agent", ["capabilities"] = new[] { "listBuckets" } });
        var text = Text(created);
        var keyId = AgentAccess.Json(text).GetProperty("key").GetProperty("applicationKeyId").GetString();

        Assert.False(created.IsError, text);
        Assert.DoesNotContain("\"K000", text, StringComparison.Ordinal);
        Assert.Contains("withheld", text, StringComparison.Ordinal);
        await using var subAgent = await ConnectAsync(AgentAccess.Json(text).GetProperty("agentToken").GetString()!);
        Assert.Equal(["call_operation", "describe_operation", "get_lifecycle_rules", "list_buckets", "search_operations"], (await subAgent.ListToolsAsync()).Select(t => t.Name).Order().ToList());
        Assert.NotNull(keyId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token")]
    public async Task Mcp_WithoutAValidAgentToken_Answers401(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        using var response = await fixture.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountToken_IsNotAnAgentToken()
    {
        var master = await fixture.SessionAsync(4);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var client = await ConnectAsync(master.Token);
        });
    }

    private async Task<McpClient> ConnectAsync(string agentToken)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(fixture.Server.BaseUrl + "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + agentToken },
        });
        return await McpClient.CreateAsync(transport);
    }

    private static async Task<JsonElement> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments);
        var text = Text(result);
        Assert.False(result.IsError == true, $"{tool} failed: {text}");
        return AgentAccess.Json(text);
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
}
