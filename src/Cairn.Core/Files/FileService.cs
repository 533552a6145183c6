using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.FileLock;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Core.Limits;
using Cairn.Core.Notifications;
using Cairn.Core.Observability;
using Cairn.Core.Storage;

namespace Cairn.Core.Files;

/// <summary>b2_get_file_info, b2_hide_file, b2_delete_file_version.</summary>
public sealed class FileService
{
    private readonly IMetadataStore _store;
    private readonly BucketService _buckets;
    private readonly BlobReclaimer _reclaimer;
    private readonly TimeProvider _time;
    private readonly AccountCaps _caps;
    private readonly NotificationService? _notifications;

    public FileService(IMetadataStore store, BucketService buckets, BlobReclaimer reclaimer, TimeProvider time, AccountCaps caps, NotificationService? notifications = null)
    {
        _caps = caps;
        _store = store;
        _buckets = buckets;
        _reclaimer = reclaimer;
        _time = time;
        _notifications = notifications;
    }

    /// <summary>Checks an id's shape (400 <c>Invalid fileId</c>) and returns the bucket it names.</summary>
    public static string BucketIdOf(string fileId) =>
        IdFormats.IsFileId(fileId) ? IdFormats.BucketIdOf(fileId) : throw Fail.InvalidFileId(fileId);

    public async Task<FileVersion> GetFileInfoAsync(Principal principal, string fileId, CancellationToken cancellationToken)
    {
        var bucketId = BucketIdOf(fileId);
        principal.RequireBucket(Capabilities.ReadFiles, bucketId);
        var version = await _store.GetFileVersionAsync(fileId, cancellationToken);
        if (version is null || version.AccountId != principal.AccountId)
        {
            throw Fail.NotFound($"File not present: {fileId}");
        }
        principal.RequireName(Capabilities.ReadFiles, bucketId, version.FileName);
        return version;
    }

    public async Task<FileVersion> HideFileAsync(Principal principal, string bucketId, string fileName, CancellationToken cancellationToken)
    {
        principal.RequireName(Capabilities.WriteFiles, bucketId, fileName);
        var bucket = await _buckets.GetOwnedAsync(principal, bucketId, cancellationToken);
        var current = await _store.GetCurrentVersionAsync(bucketId, fileName, cancellationToken);
        if (current is null)
        {
            throw new CairnException(CairnError.NoSuchFile, $"File not present: {fileName}");
        }
        if (current.Action == FileAction.Hide)
        {
            throw new CairnException(CairnError.FileAlreadyHidden, $"File already hidden: {fileName}");
        }
        var now = _time.GetUtcNow();
        var marker = new FileVersion
        {
            FileId = IdGenerator.NewFileId(bucketId, FileIdKind.Small, now),
            AccountId = bucket.AccountId,
            BucketId = bucketId,
            FileName = fileName,
            Action = FileAction.Hide,
            ContentLength = 0,
            ContentSha1 = EmptyContent.Sha1,
            ContentMd5 = EmptyContent.Md5,
            ContentType = ContentTypes.HideMarker,
            UploadTimestamp = now.ToUnixTimeMilliseconds(),
        };
        marker = await _store.InsertFileVersionAsync(marker, cancellationToken);
        await (_notifications?.PublishAsync(marker, EventTypes.HideMarkerCreatedHide) ?? Task.CompletedTask);
        return marker;
    }

    public async Task<FileVersion> DeleteFileVersionAsync(Principal principal, string fileId, string fileName, bool bypassGovernance, CancellationToken cancellationToken)
    {
        var bucketId = BucketIdOf(fileId);
        principal.RequireName(Capabilities.DeleteFiles, bucketId, fileName);
        var version = await _store.GetFileVersionAsync(fileId, cancellationToken);
        if (version is null || version.AccountId != principal.AccountId)
        {
            throw Fail.FileNotPresent($"File not present: {fileName} {fileId}");
        }
        if (version.FileName != fileName)
        {
            throw Fail.BadRequest($"fileName {fileName} does not match the file id's name");
        }
        ObjectLock.EnsureDeletable(principal, version, bypassGovernance, _time.GetUtcNow().ToUnixTimeMilliseconds());
        var deleted = await _store.DeleteFileVersionAsync(fileId, unfinishedOnly: false, cancellationToken)
            ?? throw Fail.FileNotPresent($"File not present: {fileName} {fileId}");
        await (_notifications?.PublishAsync(deleted.Version, EventTypes.ObjectDeletedDelete) ?? Task.CompletedTask);
        await _reclaimer.DeleteAsync(deleted.FreedBlobIds);
        _caps.Stored(-deleted.Version.ContentLength);
        CairnMetrics.VersionsDeleted.Add(1);
        return deleted.Version;
    }
}
