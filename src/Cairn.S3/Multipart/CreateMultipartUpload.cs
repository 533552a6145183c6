using Cairn.Core.LargeFiles;
using Cairn.S3.Buckets;
using Cairn.S3.Objects;
using Cairn.S3.Xml;

namespace Cairn.S3.Multipart;

/// <summary>POST /{bucket}/{key}?uploads: b2_start_large_file; the upload id is the large file's id.</summary>
public static class CreateMultipartUpload
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var request = call.Http.Request;
        LiveRead.Refuse(request);
        CannedAcl.RequireBucketAcl(request.Headers, bucket);
        var file = await call.Service<LargeFileService>().StartLargeFileAsync(call.Principal, new StartLargeFileCommand
        {
            BucketId = bucket.BucketId,
            FileName = call.Key!,
            ContentType = ObjectHeaders.ContentTypeOf(request),
            FileInfo = ObjectHeaders.InfoFrom(request.Headers),
            Lock = ObjectLockHeaders.From(request.Headers),
            Encryption = SseHeaders.Requested(request.Headers),
        }, call.Aborted);
        SseHeaders.Write(call.Http.Response.Headers, file.Encryption);
        await S3Xml.WriteAsync(call.Http, S3Xml.E("InitiateMultipartUploadResult",
            S3Xml.E("Bucket", call.BucketName),
            S3Xml.E("Key", call.Key),
            S3Xml.E("UploadId", file.FileId)));
    }
}
