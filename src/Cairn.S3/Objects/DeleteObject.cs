using Cairn.Core.Errors;
using Cairn.Core.Files;

namespace Cairn.S3.Objects;

/// <summary>
/// DELETE /{bucket}/{key}: without a version id, a hide marker (S3's delete marker); with one (a B2 file id), that
/// version is deleted. 204 either way, also for a key that has nothing to hide, as S3 answers.
/// </summary>
public static class DeleteObject
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var files = call.Service<FileService>();
        var headers = call.Http.Response.Headers;
        if (call.QueryValue("versionId") is { } versionId)
        {
            var bypass = string.Equals(call.Http.Request.Headers["x-amz-bypass-governance-retention"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
            var deleted = await files.DeleteFileVersionAsync(call.Principal, versionId, call.Key!, bypass, call.Aborted);
            headers["x-amz-version-id"] = deleted.FileId;
            if (deleted.Action == FileAction.Hide)
            {
                headers["x-amz-delete-marker"] = "true";
            }
        }
        else
        {
            try
            {
                var marker = await files.HideFileAsync(call.Principal, bucket.BucketId, call.Key!, call.Aborted);
                headers["x-amz-version-id"] = marker.FileId;
                headers["x-amz-delete-marker"] = "true";
            }
            catch (CairnException e) when (e.Error is CairnError.NoSuchFile or CairnError.FileAlreadyHidden or CairnError.NotFound)
            {
                // Nothing visible under the key: S3 answers 204 all the same.
            }
        }
        call.Http.Response.StatusCode = 204;
    }
}
