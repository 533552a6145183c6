using System.Globalization;
using Cairn.Core.Files;
using Microsoft.AspNetCore.Http;

namespace Cairn.S3.Objects;

/// <summary>
/// S3 object headers ↔ B2 file info, as Backblaze maps them: <c>x-amz-meta-NAME</c> ↔ info <c>NAME</c>, and the
/// content headers ↔ the <c>b2-content-*</c> info B2 downloads answer with. ETag is the MD5 in quotes.
/// </summary>
public static class ObjectHeaders
{
    public const string MetaPrefix = "x-amz-meta-";

    /// <summary>Content headers and the file info each is stored as.</summary>
    public static IReadOnlyList<(string Header, string Info)> ContentHeaders { get; } =
    [
        ("Content-Disposition", "b2-content-disposition"),
        ("Content-Language", "b2-content-language"),
        ("Expires", "b2-expires"),
        ("Cache-Control", "b2-cache-control"),
        ("Content-Encoding", "b2-content-encoding"),
    ];

    /// <summary>The file info an upload's headers ask for.</summary>
    public static List<KeyValuePair<string, string>> InfoFrom(IHeaderDictionary headers)
    {
        var info = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in headers)
        {
            if (name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > MetaPrefix.Length)
            {
                info.Add(new(name[MetaPrefix.Length..].ToLowerInvariant(), value.ToString()));
            }
        }
        foreach (var (header, infoName) in ContentHeaders)
        {
            var value = headers[header].ToString();
            // aws-chunked is how the body travels, not how the object is encoded.
            if (header == "Content-Encoding")
            {
                value = string.Join(',', value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(v => v != "aws-chunked"));
            }
            if (value.Length > 0)
            {
                info.Add(new(infoName, value));
            }
        }
        return info;
    }

    /// <summary>
    /// The MD5 in quotes. A version assembled from parts (an S3 multipart upload, a B2 large file) has no MD5 of its
    /// whole content; its tag is opaque and stable, <c>"&lt;MD5 of its file id&gt;-1"</c>: the dash tells clients (as
    /// S3's multipart tags do) that it is not the content's MD5. Part MD5s are not kept once a large file is finished.
    /// </summary>
    public static string ETag(FileVersion version) => "\"" + (version.ContentMd5
        ?? Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(version.FileId))) + "-1") + "\"";

    /// <summary>The Content-Type of an upload; S3 stores <c>binary/octet-stream</c> when the request names none.</summary>
    public static string ContentTypeOf(HttpRequest request) => request.ContentType is { Length: > 0 } given ? given : "binary/octet-stream";

    public static string LastModified(FileVersion version) =>
        DateTimeOffset.FromUnixTimeMilliseconds(version.UploadTimestamp).ToString("r", CultureInfo.InvariantCulture);

    /// <summary>The object's headers on a GET or HEAD: metadata, content headers, ETag, version id.</summary>
    public static void Write(IHeaderDictionary headers, FileVersion version)
    {
        headers.ETag = ETag(version);
        headers.LastModified = LastModified(version);
        headers["x-amz-version-id"] = version.FileId;
        foreach (var (name, value) in version.FileInfo)
        {
            if (!name.StartsWith("b2-", StringComparison.Ordinal) && IsHeaderSafe(value))
            {
                headers[MetaPrefix + name] = value;
            }
        }
        foreach (var (header, infoName) in ContentHeaders)
        {
            if (version.FileInfo.TryGetValue(infoName, out var value) && IsHeaderSafe(value))
            {
                headers[header] = value;
            }
        }
    }

    private static bool IsHeaderSafe(string value) => value.All(c => c is >= ' ' and < (char)127 or '\t');
}
