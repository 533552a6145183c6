using System.Globalization;
using Cairn.B2.Wire;
using Cairn.Core.Errors;
using Microsoft.Extensions.Primitives;

namespace Cairn.B2.Files;

/// <summary>Reads the headers of b2_upload_file (and, later, b2_upload_part) as b2-api/uploads.md describes them.</summary>
public static class UploadHeaders
{
    public const string FileName = "X-Bz-File-Name";
    public const string ContentSha1 = "X-Bz-Content-Sha1";
    public const string InfoPrefix = "X-Bz-Info-";
    public const string CustomUploadTimestamp = "X-Bz-Custom-Upload-Timestamp";

    /// <summary>Headers B2 refuses on uploads: file info carries these instead (<c>b2-content-disposition</c>, …).</summary>
    private static readonly string[] Forbidden = ["Content-Disposition", "Content-Encoding", "Content-Language", "Content-Location", "Content-Range", "Expires"];

    public static string Required(IHeaderDictionary headers, string name)
    {
        var value = headers[name];
        return StringValues.IsNullOrEmpty(value) ? throw Fail.BadRequest($"Missing header: {name}") : value.ToString();
    }

    public static long RequiredContentLength(HttpRequest request) =>
        request.ContentLength ?? throw Fail.BadRequest("Missing header: Content-Length (chunked uploads are not accepted)");

    public static void RefuseUnsupported(IHeaderDictionary headers)
    {
        foreach (var name in Forbidden)
        {
            if (headers.ContainsKey(name))
            {
                throw Fail.BadRequest($"The {name} header is not allowed on uploads; use X-Bz-Info-b2-{name.ToLowerInvariant()}");
            }
        }
    }

    /// <summary>Every <c>X-Bz-Info-*</c> header, names as sent after the prefix, values percent-decoded.</summary>
    public static List<KeyValuePair<string, string>> FileInfo(IHeaderDictionary headers)
    {
        var info = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in headers)
        {
            if (name.Length > InfoPrefix.Length && name.StartsWith(InfoPrefix, StringComparison.OrdinalIgnoreCase))
            {
                info.Add(new(name[InfoPrefix.Length..], B2PercentEncoding.Decode(value.ToString(), name)));
            }
        }
        return info;
    }

    public static long? OptionalLong(IHeaderDictionary headers, string name)
    {
        var value = headers[name];
        if (StringValues.IsNullOrEmpty(value))
        {
            return null;
        }
        return long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw Fail.BadRequest($"Invalid {name}: {value}");
    }
}
