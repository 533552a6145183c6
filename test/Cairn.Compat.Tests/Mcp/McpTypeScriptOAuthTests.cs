using System.Text.Json;
using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Mcp;

/// <summary>
/// The TypeScript MCP SDK's OAuth client provider signs in with only the URL of /mcp (node/mcp_oauth_client.mjs):
/// 401 → metadata → dynamic registration → the consent page's form (read-only) → code with PKCE and state → tokens →
/// tools, limited to what the person approved.
/// </summary>
public class McpTypeScriptOAuthTests(ITestOutputHelper output) : CompatTest(output)
{
    private const string RedirectUri = "http://127.0.0.1:33419/oauth/callback";

    [Fact]
    public async Task TypeScriptSdkOAuthProvider_WithOnlyTheUrl_SignsInAndCallsTools()
    {
        var script = Path.Combine(McpTypeScriptClientTests.RepositoryRoot(), "test", "Cairn.Compat.Tests", "Mcp", "node", "mcp_oauth_client.mjs");
        using var master = await B2Session.AuthorizeAsync(Server, 4);
        await master.CreateBucketAsync(BucketName);
        var key = await master.CallAsync("b2_create_key", new
        {
            accountId = master.AccountId,
            keyName = "person-at-the-browser",
            capabilities = new[] { "listBuckets", "listFiles", "readFiles", "writeFiles" },
        });

        var result = await ProcessRunner.RunAsync("node",
            [script, Server.BaseUrl + "/mcp", key.GetProperty("applicationKeyId").GetString()!, key.GetProperty("applicationKey").GetString()!, RedirectUri],
            workingDirectory: Path.GetDirectoryName(script), timeout: TimeSpan.FromSeconds(60),
            missingHint: "node is missing (apt-get install nodejs npm); the compatibility tests never skip.");
        result.EnsureSuccess();
        Output.WriteLine(result.Stdout);
        var seen = JsonDocument.Parse(result.Stdout).RootElement;

        Assert.Equal("unauthorized", seen.GetProperty("firstConnect").GetString());
        var asked = seen.GetProperty("authorizationParameters");
        Assert.Equal("code", asked.GetProperty("response_type").GetString());
        Assert.Equal("S256", asked.GetProperty("code_challenge_method").GetString());
        Assert.Equal(Server.BaseUrl + "/mcp", asked.GetProperty("resource").GetString()!.TrimEnd('/'));
        Assert.Equal(RedirectUri, asked.GetProperty("redirect_uri").GetString());
        Assert.Equal(200, seen.GetProperty("consentPageStatus").GetInt32());
        Assert.True(seen.GetProperty("consentPageNamesClient").GetBoolean());
        Assert.Equal(302, seen.GetProperty("consentStatus").GetInt32());
        Assert.Equal(RedirectUri, seen.GetProperty("redirectedTo").GetString());
        Assert.True(seen.GetProperty("stateReturned").GetBoolean());
        Assert.True(seen.GetProperty("clientRegistered").GetBoolean());
        Assert.Equal("bearer", seen.GetProperty("tokenType").GetString()!.ToLowerInvariant());
        Assert.True(seen.GetProperty("hasRefreshToken").GetBoolean());
        Assert.Equal(1, seen.GetProperty("authorizationUrlsSeen").GetInt32());
        var tools = seen.GetProperty("tools").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("search_operations", tools);
        Assert.DoesNotContain("upload_file", tools);
        Assert.False(seen.GetProperty("listBuckets").GetProperty("isError").GetBoolean());
        Assert.Contains(BucketName, seen.GetProperty("listBuckets").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("b2_list_file_names", seen.GetProperty("search").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(seen.GetProperty("refusedWrite").GetProperty("isError").GetBoolean());
        Assert.StartsWith("unauthorized:", seen.GetProperty("refusedWrite").GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
