using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Ids;
using Cairn.Core.LargeFiles;

namespace Cairn.S3.Multipart;

/// <summary>
/// A multipart upload is a B2 unfinished large file: the upload id is its file id. An id that is not one, or names a
/// large file of another bucket or key, is NoSuchUpload, as for one finished or aborted.
/// </summary>
public static class MultipartUploads
{
    /// <summary>The unfinished large file <c>?uploadId=</c> names, checked against the caller's capability and scope.</summary>
    public static async Task<FileVersion> RequireAsync(S3Call call, Bucket bucket, string capability)
    {
        var uploadId = call.QueryValue("uploadId") ?? throw NoSuchUpload("");
        if (!IdFormats.IsFileId(uploadId))
        {
            throw NoSuchUpload(uploadId);
        }
        var file = await call.Service<LargeFileService>().GetUnfinishedAsync(call.Principal, capability, uploadId, call.Aborted);
        if (file.BucketId != bucket.BucketId || file.FileName != call.Key)
        {
            throw NoSuchUpload(uploadId);
        }
        return file;
    }

    /// <summary>Every part uploaded so far, ascending (b2_list_parts, page by page).</summary>
    public static async Task<List<Part>> AllPartsAsync(S3Call call, string fileId)
    {
        var parts = new List<Part>();
        int? next = null;
        for (var page = 0; page <= LargeFileLimits.MaxPartNumber / LargeFileLimits.MaxPartCountLimit; page++)
        {
            var listed = await call.Service<LargeFileService>().ListPartsAsync(call.Principal, fileId, next, LargeFileLimits.MaxPartCountLimit, call.Aborted);
            parts.AddRange(listed.Parts);
            if (listed.NextPartNumber is not { } number)
            {
                break;
            }
            next = number;
        }
        return parts;
    }

    /// <summary>The part number of <c>?partNumber=</c>, 1 to 10000.</summary>
    public static int PartNumber(S3Call call) =>
        int.TryParse(call.QueryValue("partNumber"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
        && number is >= LargeFileLimits.MinPartNumber and <= LargeFileLimits.MaxPartNumber
            ? number
            : throw S3Exception.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive");

    public static CairnException NoSuchUpload(string uploadId) =>
        new(CairnError.NoActiveUpload, $"The specified multipart upload does not exist: {uploadId}");
}
