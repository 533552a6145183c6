using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cairn.Testing;

/// <summary>
/// A webhook endpoint on loopback (a small Kestrel app) that records every POST to <c>/hook</c>, raw body and
/// headers, and answers with the status <see cref="Respond"/> chooses, so tests can make it fail and recover.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>The status for the n-th request (0-based); default 200 for every request.</summary>
    public Func<int, int> Respond { get; set; } = _ => 200;

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    /// <summary>Starts on <paramref name="port"/>, or a free port when 0.</summary>
    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var index = receiver!._received.Count;
            var status = receiver.Respond(index);
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver._received.Enqueue(new ReceivedWebhook(body.ToArray(), headers, status));
            http.Response.StatusCode = status;
        });
        await app.StartAsync();
        var bound = new Uri(app.Urls.First()).Port;
        receiver = new WebhookReceiver(app, bound);
        return receiver;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for what was received, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = Received;
            if (condition(received))
            {
                return received;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The webhook condition did not hold within {timeout}; received {received.Count} requests:{Environment.NewLine}" +
                    string.Join(Environment.NewLine, received.Select(r => $"{r.AnsweredStatus} {Encoding.UTF8.GetString(r.Body)}")));
            }
            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One POST the receiver got, and the status it answered.</summary>
public sealed record ReceivedWebhook(byte[] Body, IReadOnlyDictionary<string, string> Headers, int AnsweredStatus)
{
    public const string SignatureHeader = "X-Bz-Event-Notification-Signature";

    /// <summary>The <c>events</c> array of the body.</summary>
    public IReadOnlyList<JsonElement> Events =>
        JsonDocument.Parse(Body).RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone()).ToList();

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// Verifies the signature as a receiver following Backblaze's guide does: <c>v1=</c> and the lowercase hex
    /// HMAC-SHA256 of the raw body keyed with the secret's UTF-8 bytes, compared in constant time.
    /// </summary>
    public bool HasValidSignature(string secret)
    {
        if (Header(SignatureHeader) is not { } header || !header.StartsWith("v1=", StringComparison.Ordinal))
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header[3..]));
    }
}
