using System.Globalization;
using Cairn.Core.LargeFiles;
using Cairn.S3.Xml;

namespace Cairn.S3.Multipart;

/// <summary>
/// GET /{bucket}?uploads: b2_list_unfinished_large_files under <c>prefix</c>, oldest first, paged by
/// <c>upload-id-marker</c> (the next upload id; B2 pages by file id, so <c>key-marker</c> alone is not honoured).
/// </summary>
public static class ListMultipartUploads
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var maxUploads = LargeFileLimits.MaxFileCountLimit;
        if (call.QueryValue("max-uploads") is { } maxText && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out maxUploads) || maxUploads < 1))
        {
            throw S3Exception.InvalidArgument("max-uploads must be a positive integer");
        }
        maxUploads = Math.Min(maxUploads, LargeFileLimits.MaxFileCountLimit);
        var prefix = call.QueryValue("prefix");
        var marker = call.QueryValue("upload-id-marker");
        var page = await call.Service<LargeFileService>().ListUnfinishedLargeFilesAsync(call.Principal, bucket.BucketId, prefix, marker, maxUploads, call.Aborted);
        var owner = S3Xml.E("ID", call.Principal.AccountId);
        await S3Xml.WriteAsync(call.Http, S3Xml.E("ListMultipartUploadsResult",
            S3Xml.E("Bucket", call.BucketName),
            S3Xml.E("KeyMarker", call.QueryValue("key-marker") ?? ""),
            S3Xml.E("UploadIdMarker", marker ?? ""),
            page.NextFileId is null ? null : S3Xml.E("NextKeyMarker", page.Files[^1].FileName),
            page.NextFileId is null ? null : S3Xml.E("NextUploadIdMarker", page.NextFileId),
            S3Xml.E("Prefix", prefix ?? ""),
            S3Xml.E("MaxUploads", maxUploads),
            S3Xml.E("IsTruncated", page.NextFileId is null ? "false" : "true"),
            page.Files.Select(f => S3Xml.E("Upload",
                S3Xml.E("Key", f.FileName),
                S3Xml.E("UploadId", f.FileId),
                S3Xml.E("Initiator", new System.Xml.Linq.XElement(owner)),
                S3Xml.E("Owner", new System.Xml.Linq.XElement(owner)),
                S3Xml.E("StorageClass", "STANDARD"),
                S3Xml.E("Initiated", S3Xml.Timestamp(f.UploadTimestamp))))));
    }
}
