using System.Globalization;
using Cairn.B2.Cors;
using Cairn.B2.Encryption;
using Cairn.B2.FileLock;
using Cairn.B2.Wire;
using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.FileLock;
using Cairn.Core.Files;
using Microsoft.Extensions.Primitives;

namespace Cairn.B2.Downloads;

/// <summary>
/// Writes a download: status (200, 206), B2's <c>x-bz-*</c> headers, the content headers from file info or the
/// <c>b2Content*</c> query overrides, and the bytes, streamed segment by segment. HEAD gets the same headers.
/// </summary>
public static class DownloadResponder
{
    private static readonly (string Query, string InfoName, string Header)[] Overrides =
    [
        ("b2ContentDisposition", "b2-content-disposition", "Content-Disposition"),
        ("b2ContentLanguage", "b2-content-language", "Content-Language"),
        ("b2Expires", "b2-expires", "Expires"),
        ("b2CacheControl", "b2-cache-control", "Cache-Control"),
        ("b2ContentEncoding", "b2-content-encoding", "Content-Encoding"),
    ];

    /// <summary>The b2Content* query parameters and the headers they set, in one place for requests and tokens.</summary>
    public static IReadOnlyList<(string Query, string Header)> QueryOverrides { get; } =
    [
        ("b2ContentDisposition", DownloadOverrides.ContentDisposition),
        ("b2ContentLanguage", DownloadOverrides.ContentLanguage),
        ("b2Expires", DownloadOverrides.Expires),
        ("b2CacheControl", DownloadOverrides.CacheControl),
        ("b2ContentEncoding", DownloadOverrides.ContentEncoding),
        ("b2ContentType", DownloadOverrides.ContentType),
    ];

    /// <summary>
    /// The caller, from the <c>Authorization</c> header or query parameter: an account token or a download
    /// authorization token; anonymous when neither is present.
    /// </summary>
    public static Task<DownloadCaller> AuthenticateAsync(HttpContext http)
    {
        var token = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(token))
        {
            token = http.Request.Query["Authorization"].ToString();
        }
        return http.RequestServices.GetRequiredService<AuthService>().AuthenticateDownloadAsync(token, http.RequestAborted);
    }

    /// <summary>The overrides this request asks for, as header name → value.</summary>
    public static IReadOnlyDictionary<string, string> RequestedOverrides(HttpContext http)
    {
        var requested = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (queryName, header) in QueryOverrides)
        {
            if (http.Request.Query[queryName] is { Count: > 0 } value && !StringValues.IsNullOrEmpty(value))
            {
                requested[header] = value.ToString();
            }
        }
        return requested;
    }

    /// <summary>
    /// Answers a download the caller may make: CORS for the bucket first (so that every answer after it, a 416
    /// included, carries the headers a browser needs), then Core's checks and charge
    /// (<see cref="DownloadService.Open"/>), then the headers and the bytes.
    /// </summary>
    public static async Task WriteAsync(HttpContext http, Download download, string corsOperation, Principal? principal)
    {
        B2Cors.Apply(http, download.Bucket, corsOperation);
        var request = new DownloadRequest(SseWire.CustomerKeyFromHeaders(http.Request.Headers), HttpMethods.IsHead(http.Request.Method),
            http.Request.Headers.Range.ToString());
        var readable = http.RequestServices.GetRequiredService<DownloadService>().Open(download, principal, request);
        var version = readable.Version;
        var response = http.Response;
        var headers = response.Headers;
        response.StatusCode = readable.Range is null ? StatusCodes.Status200OK : StatusCodes.Status206PartialContent;
        headers.AcceptRanges = "bytes";
        headers["x-bz-file-id"] = version.FileId;
        headers["x-bz-file-name"] = B2PercentEncoding.Encode(version.FileName);
        headers["x-bz-content-sha1"] = version.ContentSha1;
        headers["x-bz-upload-timestamp"] = version.UploadTimestamp.ToString(CultureInfo.InvariantCulture);
        if (version.ReplicationStatus is { } replicationStatus)
        {
            headers["x-bz-replication-status"] = replicationStatus;
        }
        foreach (var (name, value) in version.FileInfo)
        {
            if (!name.StartsWith("b2-", StringComparison.Ordinal))
            {
                headers["x-bz-info-" + name] = B2PercentEncoding.Encode(value);
            }
        }
        SseWire.WriteDownloadHeaders(headers, version.Encryption);
        if (readable.LockVisibility is { } visibility)
        {
            WriteLockHeaders(headers, version, visibility);
        }
        if (download.Bucket.BucketInfo.TryGetValue(BucketRules.CacheControlInfo, out var bucketCacheControl) && Stored(DownloadOverrides.CacheControl, bucketCacheControl))
        {
            headers.CacheControl = bucketCacheControl;
        }
        var query = http.Request.Query;
        foreach (var (queryName, infoName, header) in Overrides)
        {
            var requested = query[queryName];
            if (!StringValues.IsNullOrEmpty(requested))
            {
                headers[header] = Requested(header, requested.ToString(), queryName);
            }
            else if (version.FileInfo.TryGetValue(infoName, out var stored) && Stored(header, stored))
            {
                headers[header] = stored;
            }
        }
        var contentType = query["b2ContentType"];
        response.ContentType = !StringValues.IsNullOrEmpty(contentType) ? Requested(DownloadOverrides.ContentType, contentType.ToString(), "b2ContentType")
            : Stored(DownloadOverrides.ContentType, version.ContentType) ? version.ContentType
            : ContentTypes.Default;
        if (readable.Range is { } r)
        {
            headers.ContentRange = $"bytes {r.Offset}-{r.Offset + r.Length - 1}/{version.ContentLength}";
        }
        response.ContentLength = readable.Length;
        await readable.CopyToAsync(response.Body, http.RequestAborted);
    }

    /// <summary>Object Lock state for keys that may read it; the names of what the key may not read otherwise.</summary>
    private static void WriteLockHeaders(IHeaderDictionary headers, FileVersion version, LockVisibility visibility)
    {
        var hidden = new List<string>();
        if (visibility.Retention)
        {
            if (version.Retention is { } retention)
            {
                headers[LockParser.RetentionModeHeader] = retention.Mode;
                headers[LockParser.RetainUntilHeader] = retention.RetainUntilTimestamp.ToString(CultureInfo.InvariantCulture);
            }
        }
        else
        {
            hidden.Add(LockParser.RetentionModeHeader);
            hidden.Add(LockParser.RetainUntilHeader);
        }
        if (visibility.LegalHold)
        {
            if (version.LegalHold is { } hold)
            {
                headers[LockParser.LegalHoldHeader] = hold;
            }
        }
        else
        {
            hidden.Add(LockParser.LegalHoldHeader);
        }
        if (hidden.Count > 0)
        {
            headers["X-Bz-Client-Unauthorized-To-Read"] = string.Join(",", hidden);
        }
    }

    /// <summary>A <c>b2Content*</c> query value: refused (400) when it is not valid for its header, as B2 does.</summary>
    private static string Requested(string header, string value, string what)
    {
        ContentHeaderRules.Require(header, value, what);
        return value;
    }

    /// <summary>
    /// A stored value is sent only when valid for its header. Upload, copy and start large file refuse invalid values;
    /// versions stored before they did keep downloading, without that header, rather than failing every download.
    /// </summary>
    private static bool Stored(string header, string value) => ContentHeaderRules.IsValid(header, value);
}
