using Cairn.Core.Keys;
using Cairn.Core.LargeFiles;
using Cairn.S3.Objects;
using Cairn.S3.Xml;

namespace Cairn.S3.Multipart;

/// <summary>
/// POST /{bucket}/{key}?uploadId=: b2_finish_large_file with the parts the request lists, each checked against the
/// ETag (MD5) it names. Finishing copies no bytes. B2 finishes a large file from parts 1..N with none left over, so
/// the request must list exactly the parts uploaded, numbered from 1 without gaps (what every S3 client sends).
/// </summary>
public static class CompleteMultipartUpload
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var file = await MultipartUploads.RequireAsync(call, bucket, Capabilities.WriteFiles);
        var body = await S3Xml.ReadAsync(call) ?? throw new S3Exception(400, S3ErrorCodes.MalformedXml, "The XML you provided was not well-formed or did not validate against our published schema.");
        var requested = new List<(int Number, string ETag)>();
        foreach (var element in S3Xml.Children(body, "Part"))
        {
            if (!int.TryParse(S3Xml.Child(element, "PartNumber"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                throw new S3Exception(400, S3ErrorCodes.MalformedXml, "Every Part needs a PartNumber");
            }
            requested.Add((number, (S3Xml.Child(element, "ETag") ?? "").Trim().Trim('"')));
        }
        if (requested.Count == 0)
        {
            throw new S3Exception(400, S3ErrorCodes.MalformedXml, "The XML you provided was not well-formed or did not validate against our published schema.");
        }
        for (var i = 1; i < requested.Count; i++)
        {
            if (requested[i].Number <= requested[i - 1].Number)
            {
                throw new S3Exception(400, S3ErrorCodes.InvalidPartOrder, "The list of parts was not in ascending order. Parts must be ordered by part number.");
            }
        }
        var uploaded = (await MultipartUploads.AllPartsAsync(call, file.FileId)).ToDictionary(p => p.PartNumber);
        var sha1s = new List<string>(requested.Count);
        for (var i = 0; i < requested.Count; i++)
        {
            var (number, etag) = requested[i];
            if (!uploaded.TryGetValue(number, out var part) || !string.Equals(part.ContentMd5, etag, StringComparison.OrdinalIgnoreCase))
            {
                throw new S3Exception(400, S3ErrorCodes.InvalidPart,
                    $"Part {number} could not be found, or its entity tag {etag} does not match the part's.");
            }
            if (number != i + 1)
            {
                throw new S3Exception(400, S3ErrorCodes.InvalidPart, $"Cairn completes uploads from parts numbered 1 to N without gaps; part {i + 1} is missing.");
            }
            sha1s.Add(part.ContentSha1);
        }
        if (uploaded.Count != requested.Count)
        {
            throw new S3Exception(400, S3ErrorCodes.InvalidPart,
                $"{uploaded.Count - requested.Count} uploaded part(s) are not in the list; Cairn completes an upload with every part it received.");
        }
        var finished = await call.Service<LargeFileService>().CompleteMultipartUploadAsync(call.Principal, file.FileId, sha1s, call.Aborted);
        call.Http.Response.Headers["x-amz-version-id"] = finished.FileId;
        SseHeaders.Write(call.Http.Response.Headers, finished.Encryption);
        await S3Xml.WriteAsync(call.Http, S3Xml.E("CompleteMultipartUploadResult",
            S3Xml.E("Location", $"{call.Http.Request.Scheme}://{call.Http.Request.Host}/{call.BucketName}/{call.Key}"),
            S3Xml.E("Bucket", call.BucketName),
            S3Xml.E("Key", call.Key),
            S3Xml.E("ETag", ObjectHeaders.ETag(finished))));
    }
}
