using System.Net;
using Cairn.Server.Tests.B2.Encryption;
using Cairn.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Cairn.Server.Tests.Mcp;

/// <summary>
/// MCP's download_file goes through the same Core download rules as B2's downloads, in the same order: the SSE-C key
/// is checked before the daily download cap is charged, so a refused download costs nothing.
/// </summary>
public sealed class McpDownloadRulesTests
{
    private static readonly string[] Readers = ["listBuckets", "listFiles", "readFiles"];

    [Fact]
    public async Task DownloadFile_SseCFileWithoutItsKey_IsRefused_AndTheDownloadCapIsNotCharged()
    {
        await using var server = await CairnServer.StartAsync(inMemory: true,
            settings: new Dictionary<string, string> { ["Cairn:Caps:DailyDownloadBytes"] = "10" });
        using var master = await B2Session.AuthorizeAsync(server, 4);
        var bucketName = "mcp-ssec-" + Guid.NewGuid().ToString("N")[..12];
        var bucketId = await master.CreateBucketAsync(bucketName);
        var key = EncryptionWire.NewKey();
        await master.UploadAsync(bucketId, "secret.txt", new byte[8], "text/plain", EncryptionWire.SseCHeaders(key));
        await master.UploadAsync(bucketId, "plain.txt", new byte[8], "text/plain");
        var (_, token) = await AgentAccess.MintAsync(master, Readers);
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(server.BaseUrl + "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        }));

        var refused = await client.CallToolAsync("download_file", new Dictionary<string, object?> { ["bucketName"] = bucketName, ["fileName"] = "secret.txt" });

        Assert.True(refused.IsError == true, Text(refused));
        Assert.StartsWith("access_denied:", Text(refused), StringComparison.Ordinal);
        // 8 of the 10 bytes a day are still there: the refused download charged nothing.
        using (var plain = await master.DownloadAsync($"file/{bucketName}/plain.txt"))
        {
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        }
        using var over = await master.DownloadAsync($"file/{bucketName}/plain.txt");
        Assert.Equal(HttpStatusCode.Forbidden, over.StatusCode);
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
}
