using Cairn.Core.Files;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Cairn.S3.Objects;

/// <summary>
/// S3's conditional reads (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html): If-Match and
/// If-Unmodified-Since fail with 412; If-None-Match and If-Modified-Since answer 304. If-Match wins over
/// If-Unmodified-Since and If-None-Match over If-Modified-Since, as RFC 7232 orders them.
/// </summary>
public static class Preconditions
{
    /// <summary>412 or 304 when a condition stops the read; null to go on.</summary>
    public static int? Check(IHeaderDictionary headers, FileVersion version)
    {
        var etag = ObjectHeaders.ETag(version);
        var modified = DateTimeOffset.FromUnixTimeMilliseconds(version.UploadTimestamp);
        modified = modified.AddTicks(-(modified.Ticks % TimeSpan.TicksPerSecond));
        var ifMatch = headers.IfMatch.ToString();
        if (ifMatch.Length > 0)
        {
            if (!Matches(ifMatch, etag))
            {
                return 412;
            }
        }
        else if (HeaderUtilities.TryParseDate(headers.IfUnmodifiedSince.ToString(), out var unmodifiedSince) && modified > unmodifiedSince)
        {
            return 412;
        }
        var ifNoneMatch = headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            if (Matches(ifNoneMatch, etag))
            {
                return 304;
            }
        }
        else if (HeaderUtilities.TryParseDate(headers.IfModifiedSince.ToString(), out var modifiedSince) && modified <= modifiedSince)
        {
            return 304;
        }
        return null;
    }

    private static bool Matches(string header, string etag) =>
        header.Split(',', StringSplitOptions.TrimEntries).Any(tag => tag == "*" || tag == etag || "\"" + tag + "\"" == etag);
}
