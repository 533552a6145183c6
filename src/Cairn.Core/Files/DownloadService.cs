using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Keys;
using Cairn.Core.Storage;

namespace Cairn.Core.Files;

/// <summary>
/// b2_download_file_by_id and /file/BUCKET/NAME: which version is served, who may read it, and its bytes. Public
/// buckets need no token; private buckets need readFiles within the key's bucket and prefix scope.
/// </summary>
public sealed class DownloadService
{
    private readonly IMetadataStore _store;
    private readonly IBlobStore _blobs;

    public DownloadService(IMetadataStore store, IBlobStore blobs)
    {
        _store = store;
        _blobs = blobs;
    }

    public async Task<Download> ByIdAsync(Principal? principal, string fileId, CancellationToken cancellationToken)
    {
        var bucketId = FileService.BucketIdOf(fileId);
        var bucket = await _store.GetBucketAsync(bucketId, cancellationToken) ?? throw Fail.NotFound($"File not present: {fileId}");
        var isPublic = bucket.BucketType == BucketTypes.AllPublic;
        if (!isPublic)
        {
            RequirePrincipal(principal, bucket).RequireBucket(Capabilities.ReadFiles, bucket.BucketId);
        }
        var version = await _store.GetFileVersionAsync(fileId, cancellationToken);
        if (version is null || version.Action != FileAction.Upload)
        {
            throw Fail.NotFound($"File not present: {fileId}");
        }
        if (!isPublic)
        {
            principal!.RequireName(Capabilities.ReadFiles, bucket.BucketId, version.FileName);
        }
        return new Download(bucket, version);
    }

    public async Task<Download> ByNameAsync(Principal? principal, string bucketName, string fileName, CancellationToken cancellationToken)
    {
        var bucket = await _store.GetBucketByNameAsync(bucketName, cancellationToken);
        if (bucket is null || bucket.BucketName != bucketName)
        {
            throw Fail.NotFound($"Bucket {bucketName} does not exist");
        }
        if (bucket.BucketType != BucketTypes.AllPublic)
        {
            RequirePrincipal(principal, bucket).RequireName(Capabilities.ReadFiles, bucket.BucketId, fileName);
        }
        var version = await _store.GetCurrentVersionAsync(bucket.BucketId, fileName, cancellationToken);
        if (version is null || version.Action != FileAction.Upload)
        {
            throw Fail.NotFound($"File not present: {fileName}");
        }
        return new Download(bucket, version);
    }

    /// <summary>Streams <paramref name="length"/> bytes of a version's content from <paramref name="offset"/>, segment by segment.</summary>
    public async Task CopyContentAsync(FileVersion version, long offset, long length, Stream destination, CancellationToken cancellationToken)
    {
        var segmentStart = 0L;
        foreach (var segment in version.Segments)
        {
            if (length <= 0)
            {
                break;
            }
            var segmentEnd = segmentStart + segment.Length;
            if (offset < segmentEnd)
            {
                var within = offset - segmentStart;
                var take = Math.Min(segment.Length - within, length);
                await using (var source = await _blobs.OpenReadAsync(segment.BlobId, segment.Offset + within, take, cancellationToken))
                {
                    await source.CopyToAsync(destination, 128 * 1024, cancellationToken);
                }
                offset += take;
                length -= take;
            }
            segmentStart = segmentEnd;
        }
    }

    private static Principal RequirePrincipal(Principal? principal, Bucket bucket) =>
        principal is not null && principal.AccountId == bucket.AccountId
            ? principal
            : throw Fail.Unauthorized("not authorized: the bucket is private; send an authorization token with readFiles");
}
