using Cairn.Core.Files;
using Cairn.S3.Auth;
using Cairn.S3.Buckets;

namespace Cairn.S3.Objects;

/// <summary>
/// PUT /{bucket}/{key}: a new file version, streamed through Core's write path (digests while writing, durable when
/// answered). The body is verified in whichever payload form it came (<see cref="RequestBody"/>).
/// </summary>
public static class PutObject
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var request = call.Http.Request;
        CannedAcl.RequireBucketAcl(request.Headers, bucket);
        var encryption = SseHeaders.Requested(request.Headers);
        var lockRequest = ObjectLockHeaders.From(request.Headers);
        var body = RequestBody.Open(request, call.Caller);
        var command = new UploadFileCommand
        {
            BucketId = bucket.BucketId,
            FileName = call.Key!,
            ContentType = ObjectHeaders.ContentTypeOf(request),
            DeclaredLength = body.Length,
            Sha1 = ContentSha1.Computed,
            FileInfo = ObjectHeaders.InfoFrom(request.Headers),
            Lock = lockRequest,
            Encryption = encryption,
        };
        var version = await call.Service<UploadService>().UploadFileAsync(call.Principal, command, body.Stream, call.Aborted);
        var headers = call.Http.Response.Headers;
        headers.ETag = ObjectHeaders.ETag(version);
        headers["x-amz-version-id"] = version.FileId;
        SseHeaders.Write(headers, version.Encryption);
        if (body.ChecksumName is { } name && body.Checksum is { } checksum)
        {
            headers["x-amz-checksum-" + name] = checksum;
        }
        call.Http.Response.ContentLength = 0;
    }
}
