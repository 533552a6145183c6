using System.Globalization;
using System.Xml.Linq;
using Cairn.Core.Files;
using Cairn.S3.Auth;
using Cairn.S3.Xml;

namespace Cairn.S3.Objects;

/// <summary>
/// GET /{bucket}?versions: b2_list_file_versions (names ascending, newest version first), with prefix, delimiter,
/// max-keys, encoding-type=url, and the exclusive key-marker / version-id-marker of S3. Hide markers are delete markers;
/// unfinished large files are not versions and are left out.
/// </summary>
public static class ListObjectVersions
{
    private const int MaxRounds = 20;

    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var maxKeys = ListObjects.MaxKeys;
        if (call.QueryValue("max-keys") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys) || maxKeys < 0))
        {
            throw S3Exception.InvalidArgument("max-keys must be a non-negative integer");
        }
        maxKeys = Math.Min(maxKeys, ListObjects.MaxKeys);
        var prefix = call.QueryValue("prefix") ?? "";
        var delimiter = call.QueryValue("delimiter");
        var keyMarker = call.QueryValue("key-marker");
        var versionMarker = keyMarker is null ? null : call.QueryValue("version-id-marker");
        var url = call.QueryValue("encoding-type") switch
        {
            null => false,
            "url" => true,
            _ => throw S3Exception.InvalidArgument("Invalid Encoding Method specified in Request"),
        };

        var entries = new List<ListingEntry>();
        string? startName = keyMarker is not null && string.CompareOrdinal(keyMarker, prefix) >= 0 ? keyMarker : (prefix.Length > 0 ? prefix : null);
        var startId = startName == keyMarker ? versionMarker : null;
        var more = maxKeys > 0;
        var truncated = false;
        for (var round = 0; more && round < MaxRounds; round++)
        {
            var page = await call.Service<ListingService>().ListFileVersionsAsync(call.Principal, new ListFilesQuery
            {
                BucketId = bucket.BucketId,
                Prefix = prefix.Length > 0 ? prefix : null,
                Delimiter = delimiter,
                StartFileName = startName,
                StartFileId = startId,
                MaxFileCount = maxKeys + 1,
            }, call.Aborted);
            foreach (var entry in page.Entries)
            {
                if (IsBeforeOrAtMarker(entry, keyMarker, versionMarker) || entry.Version is { Action: FileAction.Start })
                {
                    continue;
                }
                if (entries.Count == maxKeys)
                {
                    truncated = true;
                    break;
                }
                entries.Add(entry);
            }
            more = !truncated && page.NextFileName is not null;
            (startName, startId) = (page.NextFileName, page.NextFileId);
        }
        truncated |= more;

        var root = S3Xml.E("ListVersionsResult",
            S3Xml.E("Name", call.BucketName),
            S3Xml.E("Prefix", Encode(prefix, url)),
            S3Xml.E("KeyMarker", Encode(keyMarker ?? "", url)),
            S3Xml.E("VersionIdMarker", versionMarker ?? ""),
            S3Xml.E("MaxKeys", maxKeys),
            delimiter is null ? null : S3Xml.E("Delimiter", Encode(delimiter, url)),
            S3Xml.E("IsTruncated", truncated ? "true" : "false"),
            truncated && entries.Count > 0 ? S3Xml.E("NextKeyMarker", Encode(entries[^1].Name, url)) : null,
            truncated && entries.Count > 0 && entries[^1].Version is { } lastVersion ? S3Xml.E("NextVersionIdMarker", lastVersion.FileId) : null,
            url ? S3Xml.E("EncodingType", "url") : null);
        string? previousName = versionMarker is not null ? keyMarker : null;
        foreach (var entry in entries)
        {
            if (entry.Version is not { } version)
            {
                root.Add(S3Xml.E("CommonPrefixes", S3Xml.E("Prefix", Encode(entry.FolderName!, url))));
                continue;
            }
            var latest = version.FileName != previousName;
            previousName = version.FileName;
            root.Add(Entry(call, version, latest, url));
        }
        await S3Xml.WriteAsync(call.Http, root);
    }

    private static XElement Entry(S3Call call, FileVersion version, bool latest, bool url)
    {
        var owner = S3Xml.E("Owner", S3Xml.E("ID", call.Principal.AccountId), S3Xml.E("DisplayName", call.Principal.AccountId));
        return version.Action == FileAction.Hide
            ? S3Xml.E("DeleteMarker",
                S3Xml.E("Key", Encode(version.FileName, url)),
                S3Xml.E("VersionId", version.FileId),
                S3Xml.E("IsLatest", latest ? "true" : "false"),
                S3Xml.E("LastModified", S3Xml.Timestamp(version.UploadTimestamp)),
                owner)
            : S3Xml.E("Version",
                S3Xml.E("Key", Encode(version.FileName, url)),
                S3Xml.E("VersionId", version.FileId),
                S3Xml.E("IsLatest", latest ? "true" : "false"),
                S3Xml.E("LastModified", S3Xml.Timestamp(version.UploadTimestamp)),
                S3Xml.E("ETag", ObjectHeaders.ETag(version)),
                S3Xml.E("Size", version.ContentLength),
                S3Xml.E("StorageClass", "STANDARD"),
                owner);
    }

    /// <summary>S3's markers are exclusive: the marker version itself, or with a key marker alone every version of that key.</summary>
    private static bool IsBeforeOrAtMarker(ListingEntry entry, string? keyMarker, string? versionMarker)
    {
        if (keyMarker is null)
        {
            return false;
        }
        var order = string.CompareOrdinal(entry.Name, keyMarker);
        if (order != 0)
        {
            return order < 0;
        }
        return versionMarker is null || entry.Version?.FileId == versionMarker || entry.Version is null;
    }

    private static string Encode(string value, bool url) => url ? S3UriEncoding.Encode(value, keepSlash: true) : value;
}
