using System.Globalization;
using Cairn.Core.Auth;
using Cairn.Core.Encryption;
using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Keys;
using Cairn.Core.Limits;
using Cairn.Core.Observability;
using Cairn.Server.B2.Cors;
using Cairn.Server.B2.Encryption;
using Cairn.Server.B2.FileLock;
using Cairn.Server.B2.Wire;
using Microsoft.Extensions.Primitives;

namespace Cairn.Server.B2.Downloads;

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

    public static async Task WriteAsync(HttpContext http, Download download, string corsOperation, Principal? principal)
    {
        var version = download.Version;
        var customerKey = SseWire.CustomerKeyFromHeaders(http.Request.Headers);
        SseRules.RequireDownloadKey(version, customerKey, HttpMethods.IsHead(http.Request.Method));
        B2Cors.Apply(http, download.Bucket, corsOperation);
        var range = ByteRange.Resolve(http.Request.Headers.Range.ToString(), version.ContentLength);
        var response = http.Response;
        var headers = response.Headers;
        response.StatusCode = range is null ? StatusCodes.Status200OK : StatusCodes.Status206PartialContent;
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
        if (download.Bucket.FileLockEnabled)
        {
            WriteLockHeaders(headers, version, principal);
        }
        if (download.Bucket.BucketInfo.TryGetValue("Cache-Control", out var bucketCacheControl))
        {
            headers.CacheControl = HeaderValue(bucketCacheControl, "bucketInfo Cache-Control");
        }
        var query = http.Request.Query;
        foreach (var (queryName, infoName, header) in Overrides)
        {
            var requested = query[queryName];
            if (!StringValues.IsNullOrEmpty(requested))
            {
                headers[header] = HeaderValue(requested.ToString(), queryName);
            }
            else if (version.FileInfo.TryGetValue(infoName, out var stored))
            {
                headers[header] = HeaderValue(stored, infoName);
            }
        }
        var contentType = query["b2ContentType"];
        response.ContentType = StringValues.IsNullOrEmpty(contentType) ? version.ContentType : HeaderValue(contentType.ToString(), "b2ContentType");
        var offset = range?.Offset ?? 0;
        var length = range?.Length ?? version.ContentLength;
        if (range is { } r)
        {
            headers.ContentRange = $"bytes {r.Offset}-{r.Offset + r.Length - 1}/{version.ContentLength}";
        }
        if (HttpMethods.IsHead(http.Request.Method) || length == 0)
        {
            response.ContentLength = length;
            return;
        }
        http.RequestServices.GetRequiredService<AccountCaps>().ChargeDownload(length);
        response.ContentLength = length;
        await http.RequestServices.GetRequiredService<DownloadService>().CopyContentAsync(version, offset, length, response.Body, customerKey, http.RequestAborted);
        CairnMetrics.BytesDownloaded.Add(length);
    }

    /// <summary>Object Lock state for keys that may read it; the names of what the key may not read otherwise.</summary>
    private static void WriteLockHeaders(IHeaderDictionary headers, FileVersion version, Principal? principal)
    {
        var hidden = new List<string>();
        if (principal?.Has(Capabilities.ReadFileRetentions) == true)
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
        if (principal?.Has(Capabilities.ReadFileLegalHolds) == true)
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

    private static string HeaderValue(string value, string what)
    {
        foreach (var c in value)
        {
            if (c < 32 && c != '\t' || c == 127 || c > 255)
            {
                throw Fail.BadRequest($"{what} is not a valid header value");
            }
        }
        return value;
    }
}
