using System.Globalization;
using Cairn.Core.Keys;
using Cairn.Core.LargeFiles;
using Cairn.S3.Xml;

namespace Cairn.S3.Multipart;

/// <summary>GET /{bucket}/{key}?uploadId=: b2_list_parts, with max-parts and part-number-marker (exclusive).</summary>
public static class ListParts
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var file = await MultipartUploads.RequireAsync(call, bucket, Capabilities.ListFiles);
        var maxParts = LargeFileLimits.MaxPartCountLimit;
        if (call.QueryValue("max-parts") is { } maxText && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out maxParts) || maxParts < 1))
        {
            throw S3Exception.InvalidArgument("max-parts must be a positive integer");
        }
        maxParts = Math.Min(maxParts, LargeFileLimits.MaxPartCountLimit);
        var marker = 0;
        if (call.QueryValue("part-number-marker") is { } markerText && (!int.TryParse(markerText, NumberStyles.None, CultureInfo.InvariantCulture, out marker) || marker >= LargeFileLimits.MaxPartNumber))
        {
            throw S3Exception.InvalidArgument("part-number-marker must be an integer between 0 and 9999");
        }
        var page = await call.Service<LargeFileService>().ListPartsAsync(call.Principal, file.FileId, marker + 1, maxParts, call.Aborted);
        var owner = S3Xml.E("ID", call.Principal.AccountId);
        await S3Xml.WriteAsync(call.Http, S3Xml.E("ListPartsResult",
            S3Xml.E("Bucket", call.BucketName),
            S3Xml.E("Key", call.Key),
            S3Xml.E("UploadId", file.FileId),
            S3Xml.E("Initiator", new System.Xml.Linq.XElement(owner)),
            S3Xml.E("Owner", new System.Xml.Linq.XElement(owner)),
            S3Xml.E("StorageClass", "STANDARD"),
            S3Xml.E("PartNumberMarker", marker),
            page.Parts.Count > 0 ? S3Xml.E("NextPartNumberMarker", page.Parts[^1].PartNumber) : null,
            S3Xml.E("MaxParts", maxParts),
            S3Xml.E("IsTruncated", page.NextPartNumber is null ? "false" : "true"),
            page.Parts.Select(p => S3Xml.E("Part",
                S3Xml.E("PartNumber", p.PartNumber),
                S3Xml.E("LastModified", S3Xml.Timestamp(p.UploadTimestamp)),
                S3Xml.E("ETag", "\"" + p.ContentMd5 + "\""),
                S3Xml.E("Size", p.ContentLength)))));
    }
}
