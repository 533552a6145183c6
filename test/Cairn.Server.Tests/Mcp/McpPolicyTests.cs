using Cairn.Testing;
using ModelContextProtocol.Client;

namespace Cairn.Server.Tests.Mcp;

/// <summary>The server-wide policy: Cairn:Mcp:AllowDestructive=false takes destructive tools away from every agent.</summary>
public class McpPolicyTests
{
    [Fact]
    public async Task AllowDestructiveFalse_RemovesDestructiveTools_EvenForAFullKey()
    {
        await using var server = await CairnServer.StartAsync(inMemory: true, settings: new Dictionary<string, string> { ["Cairn:Mcp:AllowDestructive"] = "false" });
        using var master = await B2Session.AuthorizeAsync(server, 4);
        var (_, token) = await AgentAccess.MintAsync(master, Core.Keys.Capabilities.All);
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(server.BaseUrl + "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        }));

        var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
        var refused = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(async () =>
            await client.CallToolAsync("delete_file_version", new Dictionary<string, object?> { ["fileId"] = "x", ["fileName"] = "y", ["confirm"] = true }));

        Assert.Contains("upload_file", tools);
        Assert.DoesNotContain("delete_file_version", tools);
        Assert.DoesNotContain("hide_file", tools);
        Assert.DoesNotContain("delete_bucket", tools);
        Assert.DoesNotContain("set_lifecycle_rules", tools);
        Assert.Contains("Unknown tool", refused.Message, StringComparison.Ordinal);
    }
}
