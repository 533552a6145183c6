using Cairn.Core.Keys;
using Cairn.Core.LargeFiles;

namespace Cairn.S3.Multipart;

/// <summary>DELETE /{bucket}/{key}?uploadId=: b2_cancel_large_file; its parts' blobs are freed. 204.</summary>
public static class AbortMultipartUpload
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var file = await MultipartUploads.RequireAsync(call, bucket, Capabilities.WriteFiles);
        await call.Service<LargeFileService>().CancelLargeFileAsync(call.Principal, file.FileId, call.Aborted);
        call.Http.Response.StatusCode = 204;
    }
}
