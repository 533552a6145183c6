using System.Net.Http.Headers;
using Cairn.Core.Notifications;

namespace Cairn.Server.Hosting;

/// <summary>
/// Webhook invocations over HTTP: a POST with <c>Content-Type: application/json</c>, no redirects followed (a 3xx is a
/// failure, as any non-2xx answer), and the configured timeout (B2 documents three seconds).
/// </summary>
public sealed class HttpWebhookSender : IWebhookSender, IDisposable
{
    private readonly HttpClient _http;

    public HttpWebhookSender(NotificationOptions options)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
        })
        {
            Timeout = options.WebhookTimeout,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Cairn-Event-Notifications/1");
    }

    public async Task<WebhookOutcome> SendAsync(string url, ReadOnlyMemory<byte> body, IReadOnlyList<WebhookHeader> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? WebhookOutcome.Delivered(status) : WebhookOutcome.Failed($"HTTP {status}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WebhookOutcome.Failed($"no answer within {_http.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return WebhookOutcome.Failed(e.HttpRequestError == HttpRequestError.ConnectionError ? "connection failed" : e.Message);
        }
    }

    public void Dispose() => _http.Dispose();
}
