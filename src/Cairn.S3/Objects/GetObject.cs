using System.Globalization;
using Cairn.Core.Auth;
using Cairn.Core.Errors;
using Cairn.Core.Files;
using Microsoft.AspNetCore.Http;

namespace Cairn.S3.Objects;

/// <summary>
/// GET and HEAD /{bucket}/{key}[?versionId=]: the current version (or the one named), with ranges (206 and
/// Content-Range), conditional headers, and the <c>response-*</c> overrides of presigned URLs. Core decides access,
/// range and the download cap (<see cref="DownloadService.Open"/>).
/// </summary>
public static class GetObject
{
    private static readonly (string Query, string Header)[] ResponseOverrides =
    [
        ("response-content-type", "Content-Type"),
        ("response-content-language", "Content-Language"),
        ("response-expires", "Expires"),
        ("response-cache-control", "Cache-Control"),
        ("response-content-disposition", "Content-Disposition"),
        ("response-content-encoding", "Content-Encoding"),
    ];

    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var downloads = call.Service<DownloadService>();
        var caller = new DownloadCaller(call.Principal, null);
        Download download;
        if (call.QueryValue("versionId") is { } versionId)
        {
            download = await downloads.ByIdAsync(caller, versionId, call.Aborted);
            if (download.Bucket.BucketId != bucket.BucketId || download.Version.FileName != call.Key)
            {
                throw new CairnException(CairnError.FileNotPresent, "The specified version does not exist.");
            }
        }
        else
        {
            download = await downloads.ByNameAsync(caller, bucket.BucketName, call.Key!, new Dictionary<string, string>(), call.Aborted);
        }
        var http = call.Http;
        var head = HttpMethods.IsHead(http.Request.Method);
        if (Preconditions.Check(http.Request.Headers, download.Version) is { } status)
        {
            ObjectHeaders.Write(http.Response.Headers, download.Version);
            if (status == 412)
            {
                throw new S3Exception(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
            }
            http.Response.StatusCode = status;
            return;
        }
        foreach (var (query, header) in ResponseOverrides)
        {
            // Core's rule for a value sent back as a response header (visible ASCII; RFC 6266 for a disposition).
            if (call.QueryValue(query) is { } value)
            {
                ContentHeaderRules.Require(header, value, query);
            }
        }
        var readable = downloads.Open(download, call.Principal, new DownloadRequest(SseHeaders.CustomerKey(http.Request.Headers), head, http.Request.Headers.Range.ToString()));
        var version = readable.Version;
        var response = http.Response;
        response.StatusCode = readable.Range is null ? 200 : 206;
        response.Headers.AcceptRanges = "bytes";
        ObjectHeaders.Write(response.Headers, version);
        SseHeaders.Write(response.Headers, version.Encryption);
        ObjectLockHeaders.Write(response.Headers, version, readable.LockVisibility);
        response.ContentType = version.ContentType;
        foreach (var (query, header) in ResponseOverrides)
        {
            if (call.QueryValue(query) is { } value)
            {
                response.Headers[header] = value;
            }
        }
        if (readable.Range is { } range)
        {
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.Offset}-{range.Offset + range.Length - 1}/{version.ContentLength}");
        }
        response.ContentLength = readable.Length;
        if (!head)
        {
            await readable.CopyToAsync(response.Body, call.Aborted);
        }
    }
}
