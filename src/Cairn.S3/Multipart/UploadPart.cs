using Cairn.Core.Encryption;
using Cairn.Core.Files;
using Cairn.Core.Keys;
using Cairn.Core.LargeFiles;
using Cairn.S3.Auth;
using Cairn.S3.Objects;

namespace Cairn.S3.Multipart;

/// <summary>
/// PUT /{bucket}/{key}?partNumber=N&amp;uploadId=: b2_upload_part, streamed through Core's write path; the ETag is the
/// part's MD5. Uploading a part number again replaces the part.
/// </summary>
public static class UploadPart
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var partNumber = MultipartUploads.PartNumber(call);
        var file = await MultipartUploads.RequireAsync(call, bucket, Capabilities.WriteFiles);
        var body = RequestBody.Open(call.Http.Request, call.Caller);
        var part = await call.Service<LargeFileService>().UploadPartAsync(call.Principal, file.FileId, partNumber, body.Length, ContentSha1.Computed,
            SseHeaders.CustomerKey(call.Http.Request.Headers) is { } key ? EncryptionRequest.SseC(key) : null,
            body.Stream, call.Aborted);
        var headers = call.Http.Response.Headers;
        headers.ETag = "\"" + part.ContentMd5 + "\"";
        SseHeaders.Write(headers, file.Encryption);
        if (body.ChecksumName is { } name && body.Checksum is { } checksum)
        {
            headers["x-amz-checksum-" + name] = checksum;
        }
        call.Http.Response.ContentLength = 0;
    }
}
