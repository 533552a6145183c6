using System.Net;

namespace Cairn.Bench.Clients;

/// <summary>The one HTTP client configuration every target is driven with: pooled sockets, no connection cap.</summary>
internal static class Http
{
    public static HttpClient CreateClient(string baseUrl) => new(CreateHandler())
    {
        BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"),
        Timeout = TimeSpan.FromMinutes(10),
    };

    public static SocketsHttpHandler CreateHandler() => new()
    {
        MaxConnectionsPerServer = 1024,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        UseCookies = false,
    };

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException($"{what}: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }
    }
}
