namespace Cairn.Core.Notifications;

/// <summary>
/// Sends one webhook invocation. The object service decides what to send and what a failure means; the host
/// supplies the HTTP client (<c>Server/Hosting/HttpWebhookSender.cs</c>), and tests a fake.
/// </summary>
public interface IWebhookSender
{
    /// <summary>
    /// POSTs <paramref name="body"/> (JSON) to <paramref name="url"/> with <paramref name="headers"/>. Returns the
    /// outcome; transport errors and timeouts are outcomes too, never exceptions (cancellation aside).
    /// </summary>
    Task<WebhookOutcome> SendAsync(string url, ReadOnlyMemory<byte> body, IReadOnlyList<WebhookHeader> headers, CancellationToken cancellationToken);
}

/// <summary>What came of one invocation: success (a 2xx answer), or why not.</summary>
public sealed record WebhookOutcome(bool Succeeded, string Detail)
{
    public static WebhookOutcome Delivered(int status) => new(true, $"HTTP {status}");

    public static WebhookOutcome Failed(string detail) => new(false, detail);
}
