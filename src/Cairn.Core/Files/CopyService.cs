using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Encryption;
using Cairn.Core.Errors;
using Cairn.Core.FileLock;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Core.LargeFiles;
using Cairn.Core.Limits;
using Cairn.Core.Notifications;
using Cairn.Core.Observability;
using Cairn.Core.Replication;
using Cairn.Core.Storage;

namespace Cairn.Core.Files;

/// <summary>
/// b2_copy_file and b2_copy_part (b2-api/uploads.md, large-files.md). A copied file shares the source's blobs: its
/// segments name the same bytes, so no content is duplicated, and the metadata store's reference counting keeps every
/// blob until the last version or part naming it is gone. A copied part is written as a new blob.
/// </summary>
/// <remarks>
/// Encryption: the copy is encrypted as <c>destinationServerSideEncryption</c> says, else as the destination bucket's
/// default (the source's encryption does not carry over). When that is how the source is stored (plaintext, SSE-B2,
/// or SSE-C with the same key), the segments and their per-blob keys are shared; otherwise the content is streamed
/// once through decryption and re-encryption into a new blob. An SSE-C source needs its key to be read at all.
/// </remarks>
public sealed class CopyService
{
    public const string MetadataCopy = "COPY";
    public const string MetadataReplace = "REPLACE";

    private readonly IMetadataStore _store;
    private readonly BucketService _buckets;
    private readonly LargeFileService _largeFiles;
    private readonly DownloadService _downloads;
    private readonly BlobReclaimer _reclaimer;
    private readonly ObjectServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly AccountCaps _caps;
    private readonly NotificationService? _notifications;
    private readonly IBlobStore _blobs;
    private readonly SseKeyring _keyring;

    public CopyService(IMetadataStore store, BucketService buckets, LargeFileService largeFiles, DownloadService downloads, BlobReclaimer reclaimer,
        ObjectServiceOptions options, TimeProvider time, AccountCaps caps, IBlobStore blobs, SseKeyring keyring, NotificationService? notifications = null)
    {
        _blobs = blobs;
        _keyring = keyring;
        _caps = caps;
        _store = store;
        _buckets = buckets;
        _largeFiles = largeFiles;
        _downloads = downloads;
        _reclaimer = reclaimer;
        _options = options;
        _time = time;
        _notifications = notifications;
    }

    /// <summary>
    /// b2_copy_file: a new upload version whose content is (a range of) the source's content. A whole-file copy keeps
    /// the source's SHA-1 and MD5; a range copy computes them by reading the range once.
    /// </summary>
    public async Task<FileVersion> CopyFileAsync(Principal principal, CopyFileCommand command, CancellationToken cancellationToken)
    {
        FileNameRules.Validate(command.FileName, _options.StrictFileNames);
        var replace = command.MetadataDirective switch
        {
            null or MetadataCopy => false,
            MetadataReplace => true,
            _ => throw Fail.BadRequest($"Invalid metadataDirective: {command.MetadataDirective} (COPY or REPLACE)"),
        };
        if (!replace && (command.ContentType is not null || command.FileInfo is not null))
        {
            throw Fail.BadRequest("contentType and fileInfo must not be given when metadataDirective is COPY");
        }
        if (replace && command.ContentType is null)
        {
            throw Fail.BadRequest("contentType is required when metadataDirective is REPLACE");
        }
        if (replace && !ContentTypes.IsValid(command.ContentType!))
        {
            throw Fail.BadRequest($"Invalid contentType: {command.ContentType}");
        }
        var source = await GetSourceAsync(principal, command.SourceFileId, cancellationToken);
        SseRules.RequireReadKey(source, command.SourceKey);
        var destinationBucketId = command.DestinationBucketId ?? source.BucketId;
        principal.RequireName(Capabilities.WriteFiles, destinationBucketId, command.FileName);
        var destination = await _buckets.GetOwnedAsync(principal, destinationBucketId, cancellationToken);
        var (offset, length) = CopyRange.Resolve(command.Range, source.ContentLength);
        if (length > _options.MaxUploadSize)
        {
            throw new CairnException(CairnError.SourceTooLarge, $"Copy source too big: {length}");
        }

        var encryption = SseRules.ForNewFile(command.DestinationEncryption, destination);
        var info = replace ? FileInfoRules.Normalize(command.FileName, command.FileInfo ?? []) : source.FileInfo;
        if (replace && encryption is not null)
        {
            FileInfoRules.RequireWithinLockedBudget(command.FileName, info);
        }
        await _caps.CheckStorageAsync(destination.AccountId, length, cancellationToken);

        string sha1;
        string? md5;
        IReadOnlyList<BlobSegment> segments;
        string? reencrypted = null;
        if (encryption != source.Encryption)
        {
            var blobId = IdGenerator.NewBlobId();
            IngestResult written;
            await using (var writer = _keyring.Seal(await _blobs.CreateAsync(blobId, cancellationToken), encryption, command.DestinationEncryption?.Key, out var envelope))
            {
                await using (var digest = new DigestStream(writer))
                {
                    await CopyRangeAsync(source, offset, length, digest, command.SourceKey, cancellationToken);
                    written = digest.Result();
                }
                await writer.CommitAsync(cancellationToken);
                segments = [new BlobSegment(blobId, 0, written.Length, envelope)];
            }
            reencrypted = blobId;
            (sha1, md5) = command.Range is null ? (source.ContentSha1, source.ContentMd5) : (written.Sha1, written.Md5);
        }
        else if (command.Range is null)
        {
            (sha1, md5, segments) = (source.ContentSha1, source.ContentMd5, source.Segments);
        }
        else
        {
            var digest = await HashRangeAsync(source, offset, length, command.SourceKey, cancellationToken);
            (sha1, md5, segments) = (digest.Sha1, digest.Md5, Slice(source.Segments, offset, length));
        }
        var now = _time.GetUtcNow();
        var (retention, legalHold) = ObjectLock.ForNewVersion(principal, destination, command.Lock, now.ToUnixTimeMilliseconds());
        var copy = new FileVersion
        {
            FileId = IdGenerator.NewFileId(destination.BucketId, FileIdKind.Small, now),
            AccountId = destination.AccountId,
            BucketId = destination.BucketId,
            FileName = command.FileName,
            Action = FileAction.Upload,
            ContentLength = length,
            ContentSha1 = sha1,
            ContentMd5 = md5,
            ContentType = replace ? ContentTypes.Resolve(command.ContentType!, command.FileName) : source.ContentType,
            FileInfo = info,
            UploadTimestamp = now.ToUnixTimeMilliseconds(),
            Segments = segments,
            Retention = retention,
            LegalHold = legalHold,
            Encryption = encryption,
            ReplicationStatus = ReplicationConfiguration.StatusForNewFile(destination.ReplicationConfigurationJson, command.FileName),
        };
        try
        {
            copy = await _store.InsertFileVersionAsync(copy, CancellationToken.None);
        }
        catch when (reencrypted is not null)
        {
            await _reclaimer.DeleteAsync([reencrypted]);
            throw;
        }
        // The source could have been deleted between reading it and inserting the copy, and its blobs freed before the
        // copy's reference counted. Either way, undo the copy: that frees exactly what nothing else references.
        if (await _store.GetFileVersionAsync(source.FileId, CancellationToken.None) is null)
        {
            if (await _store.DeleteFileVersionAsync(copy.FileId, unfinishedOnly: false, CancellationToken.None) is { } undone)
            {
                await _reclaimer.DeleteAsync(undone.FreedBlobIds);
            }
            throw SourceNotPresent(source.FileId);
        }
        _caps.Stored(copy.ContentLength);
        CairnMetrics.FilesStored.Add(1);
        await (_notifications?.PublishAsync(copy, EventTypes.ObjectCreatedCopy) ?? Task.CompletedTask);
        return copy;
    }

    /// <summary>b2_copy_part: (a range of) a source file becomes part <see cref="CopyPartCommand.PartNumber"/> of an unfinished large file.</summary>
    public async Task<Part> CopyPartAsync(Principal principal, CopyPartCommand command, CancellationToken cancellationToken)
    {
        LargeFileService.CheckPartNumber(command.PartNumber);
        var source = await GetSourceAsync(principal, command.SourceFileId, cancellationToken);
        SseRules.RequireReadKey(source, command.SourceKey);
        var (offset, length) = CopyRange.Resolve(command.Range, source.ContentLength);
        if (length > _options.MaxUploadSize)
        {
            throw new CairnException(CairnError.SourceTooLarge, $"Copy source too big: {length}");
        }
        var file = await _largeFiles.GetUnfinishedAsync(principal, Capabilities.WriteFiles, command.LargeFileId, cancellationToken);
        var destinationKey = SseRules.RequirePartKey(file, command.DestinationEncryption);
        return await _largeFiles.StorePartAsync(file, command.PartNumber, destinationKey, async writer =>
        {
            await using var digest = new DigestStream(writer);
            await CopyRangeAsync(source, offset, length, digest, command.SourceKey, cancellationToken);
            return digest.Result();
        }, cancellationToken);
    }

    /// <summary>The segments that hold bytes [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>) of a version.</summary>
    public static IReadOnlyList<BlobSegment> Slice(IReadOnlyList<BlobSegment> segments, long offset, long length)
    {
        var slice = new List<BlobSegment>();
        var segmentStart = 0L;
        foreach (var segment in segments)
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
                slice.Add(new BlobSegment(segment.BlobId, segment.Offset + within, take));
                offset += take;
                length -= take;
            }
            segmentStart = segmentEnd;
        }
        return slice;
    }

    private async Task<IngestResult> HashRangeAsync(FileVersion source, long offset, long length, CustomerKey? sourceKey, CancellationToken cancellationToken)
    {
        await using var digest = new DigestStream();
        await CopyRangeAsync(source, offset, length, digest, sourceKey, cancellationToken);
        return digest.Result();
    }

    private async Task CopyRangeAsync(FileVersion source, long offset, long length, Stream destination, CustomerKey? sourceKey, CancellationToken cancellationToken)
    {
        try
        {
            await _downloads.CopyContentAsync(source, offset, length, destination, sourceKey, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            // The source was deleted (and its last blob freed) while we read it.
            throw SourceNotPresent(source.FileId);
        }
    }

    /// <summary>The source of a copy: an upload version (hidden by a newer version is fine) the caller may read.</summary>
    private async Task<FileVersion> GetSourceAsync(Principal principal, string sourceFileId, CancellationToken cancellationToken)
    {
        var bucketId = FileService.BucketIdOf(sourceFileId);
        principal.RequireBucket(Capabilities.ReadFiles, bucketId);
        var source = await _store.GetFileVersionAsync(sourceFileId, cancellationToken);
        if (source is null || source.AccountId != principal.AccountId)
        {
            throw SourceNotPresent(sourceFileId);
        }
        principal.RequireName(Capabilities.ReadFiles, bucketId, source.FileName);
        return source.Action switch
        {
            FileAction.Upload => source,
            FileAction.Hide => throw Fail.BadRequest($"Copy source {sourceFileId} is a hide marker, which has no content"),
            _ => throw Fail.BadRequest($"Copy source {sourceFileId} is an unfinished large file"),
        };
    }

    private static CairnException SourceNotPresent(string fileId) => Fail.NotFound($"File not present: {fileId}");
}
