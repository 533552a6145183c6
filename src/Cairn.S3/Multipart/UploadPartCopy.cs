using Cairn.Core.Encryption;
using Cairn.Core.Files;
using Cairn.Core.Keys;
using Cairn.S3.Objects;
using Cairn.S3.Xml;

namespace Cairn.S3.Multipart;

/// <summary>
/// PUT /{bucket}/{key}?partNumber=N&amp;uploadId= with <c>x-amz-copy-source</c> (and optionally
/// <c>x-amz-copy-source-range: bytes=first-last</c>): b2_copy_part.
/// </summary>
public static class UploadPartCopy
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var partNumber = MultipartUploads.PartNumber(call);
        var file = await MultipartUploads.RequireAsync(call, bucket, Capabilities.WriteFiles);
        var request = call.Http.Request;
        var source = await CopyObject.SourceAsync(call, request.Headers["x-amz-copy-source"].ToString());
        var range = request.Headers["x-amz-copy-source-range"].ToString() is { Length: > 0 } text ? CopyRange.Parse(text) : (CopyRange?)null;
        var part = await call.Service<CopyService>().CopyPartAsync(call.Principal, new CopyPartCommand
        {
            SourceFileId = source.FileId,
            LargeFileId = file.FileId,
            PartNumber = partNumber,
            Range = range,
            SourceKey = SseHeaders.CopySourceKey(request.Headers),
            DestinationEncryption = SseHeaders.CustomerKey(request.Headers) is { } key ? EncryptionRequest.SseC(key) : null,
        }, call.Aborted);
        SseHeaders.Write(call.Http.Response.Headers, file.Encryption);
        call.Http.Response.Headers["x-amz-copy-source-version-id"] = source.FileId;
        await S3Xml.WriteAsync(call.Http, S3Xml.E("CopyPartResult",
            S3Xml.E("LastModified", S3Xml.Timestamp(part.UploadTimestamp)),
            S3Xml.E("ETag", "\"" + part.ContentMd5 + "\"")));
    }
}
