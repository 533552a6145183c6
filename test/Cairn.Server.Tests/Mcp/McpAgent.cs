using System.Text.Json;
using Cairn.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Cairn.Server.Tests.Mcp;

/// <summary>
/// An agent on the MCP endpoint through the C# SDK's client over loopback: calls tools, keeps every tool result's text
/// (the transcript a model would see), and moves bytes with plain HTTP to the URLs the tools hand out.
/// </summary>
public sealed class McpAgent : IAsyncDisposable
{
    private readonly McpClient _client;

    private McpAgent(McpClient client, string baseUrl)
    {
        _client = client;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public McpClient Client => _client;

    /// <summary>The text of every tool result, in order.</summary>
    public List<string> Transcript { get; } = [];

    /// <summary>A plain HTTP client, as the agent's own, for the pre-authorized URLs.</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public static async Task<McpAgent> ConnectAsync(string baseUrl, string bearerToken)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(baseUrl + "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + bearerToken },
        });
        return new McpAgent(await McpClient.CreateAsync(transport), baseUrl);
    }

    /// <summary>Calls a tool and answers its raw result (errors included).</summary>
    public async Task<CallToolResult> TryAsync(string tool, Dictionary<string, object?> arguments)
    {
        var result = await _client.CallToolAsync(tool, arguments);
        Transcript.Add(Text(result));
        return result;
    }

    /// <summary>Calls a tool that must succeed and answers its JSON.</summary>
    public async Task<JsonElement> CallAsync(string tool, Dictionary<string, object?> arguments)
    {
        var result = await TryAsync(tool, arguments);
        var text = Text(result);
        Assert.False(result.IsError == true, $"{tool} failed: {text}");
        return AgentAccess.Json(text);
    }

    /// <summary>call_operation with the operation's arguments.</summary>
    public Task<JsonElement> OperationAsync(string operation, object arguments, bool confirm = false) =>
        CallAsync("call_operation", new() { ["operation"] = operation, ["arguments"] = JsonSerializer.SerializeToElement(arguments), ["confirm"] = confirm });

    /// <summary>The names search_operations answers for an intent, best first.</summary>
    public async Task<List<string>> SearchAsync(string intent, int limit = 5)
    {
        var found = await CallAsync("search_operations", new() { ["intent"] = intent, ["limit"] = limit });
        return [.. found.GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("name").GetString()!)];
    }

    /// <summary>POSTs bytes to a pre-authorized upload URL as B2 wants them, and answers the reply's JSON.</summary>
    public async Task<JsonElement> PostBytesAsync(string url, string token, byte[] content, IReadOnlyDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(content) };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(content)));
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return AgentAccess.Json(body);
    }

    public static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _client.DisposeAsync();
    }
}
