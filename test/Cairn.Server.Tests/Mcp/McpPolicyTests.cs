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
        var refused = await client.CallToolAsync("delete_file_version", new Dictionary<string, object?> { ["fileId"] = "x", ["fileName"] = "y", ["confirm"] = true });
        var viaOperation = await client.CallToolAsync("call_operation", new Dictionary<string, object?>
        {
            ["operation"] = "b2_delete_file_version",
            ["arguments"] = System.Text.Json.JsonSerializer.SerializeToElement(new { fileId = "x", fileName = "y" }),
            ["confirm"] = true,
        });

        Assert.Contains("upload_file", tools);
        Assert.DoesNotContain("delete_file_version", tools);
        Assert.DoesNotContain("hide_file", tools);
        Assert.DoesNotContain("delete_bucket", tools);
        Assert.DoesNotContain("set_lifecycle_rules", tools);
        Assert.Contains("call_operation", tools);
        Assert.True(refused.IsError);
        Assert.StartsWith("unknown_tool:", McpAgent.Text(refused), StringComparison.Ordinal);
        Assert.True(viaOperation.IsError);
        Assert.Contains("does not let agents", McpAgent.Text(viaOperation), StringComparison.Ordinal);
    }
}
