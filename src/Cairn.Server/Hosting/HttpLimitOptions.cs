using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cairn.Server.Hosting;

/// <summary>
/// What a slow or hostile client may hold of the server (configuration section <c>Cairn:Http</c>). Every Kestrel limit
/// that bounds a connection is set here, deliberately, rather than left to a default that could change under us.
/// </summary>
public sealed class HttpLimitOptions
{
    public const string Section = "Cairn:Http";

    /// <summary>
    /// Time to receive a request's headers (<c>Cairn:Http:RequestHeadersTimeout</c>). Default 15 s, half Kestrel's 30 s:
    /// real clients send their headers in one write, and a slow-loris connection that dribbles them is closed this soon.
    /// </summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long an idle kept-alive connection stays open (<c>Cairn:Http:KeepAliveTimeout</c>). Default 130 s (Kestrel's):
    /// rclone and b2sdk reuse connections between calls that are often seconds apart.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(130);

    /// <summary>
    /// Slowest request body accepted, bytes per second (<c>Cairn:Http:MinRequestBodyBytesPerSecond</c>), after
    /// <see cref="MinDataRateGracePeriod"/>. Default 240 (Kestrel's): an upload that stalls is dropped instead of holding
    /// an upload token and a blob writer forever, while any link that can upload at all stays far above it. 0 = off.
    /// </summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>
    /// Slowest reader of a response, bytes per second (<c>Cairn:Http:MinResponseBytesPerSecond</c>), after the grace
    /// period. Default 240 (Kestrel's): a download nobody reads is closed. 0 = off.
    /// </summary>
    public double MinResponseBytesPerSecond { get; set; } = 240;

    /// <summary>Time a transfer may start slower than the minimum rates (<c>Cairn:Http:MinDataRateGracePeriod</c>). Default 5 s.</summary>
    public TimeSpan MinDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Bytes of all request headers together (<c>Cairn:Http:MaxRequestHeadersTotalSize</c>). Default 32 KiB (Kestrel's):
    /// B2's largest legitimate headers are a 1024-byte file name percent-encoded (up to 3 KiB) and file info of at most
    /// 7000 bytes, with room to spare for proxies.
    /// </summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Number of request headers (<c>Cairn:Http:MaxRequestHeaderCount</c>). Default 100 (Kestrel's): B2 bounds file info by its 7000 bytes, not a count, and real clients send a dozen or so headers.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>Bytes of the request line (<c>Cairn:Http:MaxRequestLineSize</c>). Default 8 KiB (Kestrel's): a download URL with a 3 KiB encoded name and its query fits.</summary>
    public int MaxRequestLineSize { get; set; } = 8 * 1024;

    /// <summary>Applies these limits to Kestrel, and refuses values that cannot mean anything.</summary>
    public void ApplyTo(KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (RequestHeadersTimeout <= TimeSpan.Zero || KeepAliveTimeout <= TimeSpan.Zero || MinDataRateGracePeriod <= TimeSpan.FromSeconds(1)
            || MinRequestBodyBytesPerSecond < 0 || MinResponseBytesPerSecond < 0
            || MaxRequestHeadersTotalSize <= 0 || MaxRequestHeaderCount <= 0 || MaxRequestLineSize <= 0)
        {
            throw new InvalidOperationException(
                "Cairn:Http timeouts must be positive (MinDataRateGracePeriod over 1 s), rates not negative, and sizes positive.");
        }
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        limits.KeepAliveTimeout = KeepAliveTimeout;
        limits.MinRequestBodyDataRate = MinRequestBodyBytesPerSecond > 0 ? new MinDataRate(MinRequestBodyBytesPerSecond, MinDataRateGracePeriod) : null;
        limits.MinResponseDataRate = MinResponseBytesPerSecond > 0 ? new MinDataRate(MinResponseBytesPerSecond, MinDataRateGracePeriod) : null;
        limits.MaxRequestHeadersTotalSize = MaxRequestHeadersTotalSize;
        limits.MaxRequestHeaderCount = MaxRequestHeaderCount;
        limits.MaxRequestLineSize = MaxRequestLineSize;
        // Uploads and parts are up to 5 GB and streamed; JSON calls bound their own bodies (B2Request).
        limits.MaxRequestBodySize = null;
    }
}
