using System.Globalization;
using System.Text;
using Cairn.Core.Files;
using Cairn.S3.Auth;
using Cairn.S3.Xml;

namespace Cairn.S3.Objects;

/// <summary>
/// GET /{bucket} (ListObjects, marker) and GET /{bucket}?list-type=2 (ListObjectsV2: continuation-token,
/// start-after, fetch-owner), both with prefix, delimiter, max-keys and encoding-type=url, over Core's
/// b2_list_file_names. S3's markers are exclusive and B2's start name inclusive, so a page starts at the marker and
/// drops it.
/// </summary>
public static class ListObjects
{
    public const int MaxKeys = 1000;

    public static async Task HandleV1Async(S3Call call)
    {
        var marker = call.QueryValue("marker");
        var page = await ListAsync(call, marker);
        var url = IsUrlEncoding(call);
        var root = S3Xml.E("ListBucketResult",
            S3Xml.E("Name", call.BucketName),
            S3Xml.E("Prefix", Encode(page.Prefix, url)),
            S3Xml.E("Marker", Encode(marker ?? "", url)),
            S3Xml.E("MaxKeys", page.MaxKeys),
            page.Delimiter is null ? null : S3Xml.E("Delimiter", Encode(page.Delimiter, url)),
            S3Xml.E("IsTruncated", page.Truncated ? "true" : "false"),
            page.Truncated ? S3Xml.E("NextMarker", Encode(page.Last!, url)) : null,
            url ? S3Xml.E("EncodingType", "url") : null);
        AddEntries(call, root, page, url, owner: true);
        await S3Xml.WriteAsync(call.Http, root);
    }

    public static async Task HandleV2Async(S3Call call)
    {
        var token = call.QueryValue("continuation-token");
        var startAfter = call.QueryValue("start-after");
        var after = token is not null ? DecodeToken(token) : startAfter;
        var page = await ListAsync(call, after);
        var url = IsUrlEncoding(call);
        var root = S3Xml.E("ListBucketResult",
            S3Xml.E("Name", call.BucketName),
            S3Xml.E("Prefix", Encode(page.Prefix, url)),
            page.Delimiter is null ? null : S3Xml.E("Delimiter", Encode(page.Delimiter, url)),
            S3Xml.E("MaxKeys", page.MaxKeys),
            S3Xml.E("KeyCount", page.Entries.Count),
            S3Xml.E("IsTruncated", page.Truncated ? "true" : "false"),
            token is null ? null : S3Xml.E("ContinuationToken", token),
            page.Truncated ? S3Xml.E("NextContinuationToken", EncodeToken(page.Last!)) : null,
            startAfter is null ? null : S3Xml.E("StartAfter", Encode(startAfter, url)),
            url ? S3Xml.E("EncodingType", "url") : null);
        AddEntries(call, root, page, url, owner: call.QueryValue("fetch-owner") == "true");
        await S3Xml.WriteAsync(call.Http, root);
    }

    private static void AddEntries(S3Call call, System.Xml.Linq.XElement root, Page page, bool url, bool owner)
    {
        foreach (var entry in page.Entries)
        {
            if (entry.Version is { } version)
            {
                root.Add(S3Xml.E("Contents",
                    S3Xml.E("Key", Encode(version.FileName, url)),
                    S3Xml.E("LastModified", S3Xml.Timestamp(version.UploadTimestamp)),
                    S3Xml.E("ETag", ObjectHeaders.ETag(version)),
                    S3Xml.E("Size", version.ContentLength),
                    owner ? S3Xml.E("Owner", S3Xml.E("ID", call.Principal.AccountId), S3Xml.E("DisplayName", call.Principal.AccountId)) : null,
                    S3Xml.E("StorageClass", "STANDARD")));
            }
            else
            {
                root.Add(S3Xml.E("CommonPrefixes", S3Xml.E("Prefix", Encode(entry.FolderName!, url))));
            }
        }
    }

    private static async Task<Page> ListAsync(S3Call call, string? after)
    {
        var bucket = await call.BucketAsync();
        var maxKeys = MaxKeys;
        if (call.QueryValue("max-keys") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys) || maxKeys < 0))
        {
            throw S3Exception.InvalidArgument("max-keys must be a non-negative integer");
        }
        maxKeys = Math.Min(maxKeys, MaxKeys);
        var prefix = call.QueryValue("prefix") ?? "";
        var delimiter = call.QueryValue("delimiter");
        if (maxKeys == 0)
        {
            return new Page([], prefix, delimiter, 0, false, null);
        }
        var start = after is not null && string.CompareOrdinal(after, prefix) >= 0 ? after : (prefix.Length > 0 ? prefix : null);
        var listing = await call.Service<ListingService>().ListFileNamesAsync(call.Principal, new ListFilesQuery
        {
            BucketId = bucket.BucketId,
            Prefix = prefix.Length > 0 ? prefix : null,
            Delimiter = delimiter,
            StartFileName = start,
            MaxFileCount = maxKeys + 1,
        }, call.Aborted);
        var entries = listing.Entries.Where(e => after is null || string.CompareOrdinal(e.Name, after) > 0).ToList();
        var truncated = entries.Count > maxKeys || listing.NextFileName is not null && entries.Count == maxKeys;
        entries = entries.Take(maxKeys).ToList();
        return new Page(entries, prefix, delimiter, maxKeys, truncated && entries.Count > 0, entries.Count > 0 ? entries[^1].Name : null);
    }

    private static bool IsUrlEncoding(S3Call call) => call.QueryValue("encoding-type") switch
    {
        null => false,
        "url" => true,
        _ => throw S3Exception.InvalidArgument("Invalid Encoding Method specified in Request"),
    };

    private static string Encode(string value, bool url) => url ? S3UriEncoding.Encode(value, keepSlash: true) : value;

    private static string EncodeToken(string name) => Convert.ToBase64String(Encoding.UTF8.GetBytes(name));

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw S3Exception.InvalidArgument("The continuation token provided is incorrect");
        }
    }

    private sealed record Page(IReadOnlyList<ListingEntry> Entries, string Prefix, string? Delimiter, int MaxKeys, bool Truncated, string? Last);
}
