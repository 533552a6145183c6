using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Ids;

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
        var bypass = string.Equals(call.Http.Request.Headers["x-amz-bypass-governance-retention"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var (versionId, deleteMarker) = await DeleteAsync(call, bucket, call.Key!, call.QueryValue("versionId"), bypass);
        var headers = call.Http.Response.Headers;
        if (versionId is not null)
        {
            headers["x-amz-version-id"] = versionId;
        }
        if (deleteMarker)
        {
            headers["x-amz-delete-marker"] = "true";
        }
        call.Http.Response.StatusCode = 204;
    }

    /// <summary>
    /// One key's delete, as DeleteObject and DeleteObjects do it: the version id that was hidden or deleted (null when
    /// there was nothing to hide) and whether it is a delete marker.
    /// </summary>
    public static async Task<(string? VersionId, bool DeleteMarker)> DeleteAsync(S3Call call, Bucket bucket, string key, string? versionId, bool bypassGovernance)
    {
        var files = call.Service<FileService>();
        if (versionId is not null)
        {
            if (!IdFormats.IsFileId(versionId))
            {
                throw S3Exception.InvalidArgument("Invalid version id specified");
            }
            if (FileService.BucketIdOf(versionId) != bucket.BucketId)
            {
                throw new CairnException(CairnError.FileNotPresent, "The specified version does not exist.");
            }
            var deleted = await files.DeleteFileVersionAsync(call.Principal, versionId, key, bypassGovernance, call.Aborted);
            return (deleted.FileId, deleted.Action == FileAction.Hide);
        }
        try
        {
            var marker = await files.HideFileAsync(call.Principal, bucket.BucketId, key, call.Aborted);
            return (marker.FileId, true);
        }
        catch (CairnException e) when (e.Error is CairnError.NoSuchFile or CairnError.FileAlreadyHidden or CairnError.NotFound)
        {
            // Nothing visible under the key: S3 answers success all the same.
            return (null, false);
        }
    }
}
