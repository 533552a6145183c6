using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Encryption;
using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Core.Limits;
using Cairn.Core.Notifications;
using Cairn.Core.Observability;
using Cairn.Core.Replication;
using Cairn.Core.Storage;

namespace Cairn.Core.LargeFiles;

/// <summary>
/// b2_start_large_file, b2_get_upload_part_url, b2_upload_part, b2_list_parts, b2_finish_large_file,
/// b2_cancel_large_file and b2_list_unfinished_large_files (b2-api/large-files.md).
/// </summary>
/// <remarks>
/// Each part is its own blob, written through the same path as a small upload (<see cref="BlobIngest"/>), so parts of
/// one file upload in parallel with no lock shared between them; the only shared step is the metadata store's
/// (group-committed) write of the part row. Finishing copies no bytes: the finished version's segments are the
/// parts' blobs, in order.
/// </remarks>
public sealed class LargeFileService
{
    private readonly IMetadataStore _store;
    private readonly IBlobStore _blobs;
    private readonly BucketService _buckets;
    private readonly AuthService _auth;
    private readonly BlobReclaimer _reclaimer;
    private readonly ObjectServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly AccountCaps _caps;
    private readonly NotificationService? _notifications;
    private readonly SseKeyring _keyring;

    public LargeFileService(IMetadataStore store, IBlobStore blobs, BucketService buckets, AuthService auth, BlobReclaimer reclaimer,
        ObjectServiceOptions options, TimeProvider time, AccountCaps caps, SseKeyring keyring, NotificationService? notifications = null)
    {
        _keyring = keyring;
        _caps = caps;
        _store = store;
        _blobs = blobs;
        _buckets = buckets;
        _auth = auth;
        _reclaimer = reclaimer;
        _options = options;
        _time = time;
        _notifications = notifications;
    }

    /// <summary>One upload at a time per part URL token, as for upload URLs.</summary>
    private UploadTokenRegistry Tokens { get; } = new();

    /// <summary>
    /// b2_upload_part's door: authenticates a part-URL token for <paramref name="fileId"/> and takes its lease (one
    /// upload per token at a time), until the returned upload is disposed.
    /// </summary>
    public async Task<TokenPartUpload> OpenTokenPartUploadAsync(string? token, string fileId, CancellationToken cancellationToken)
    {
        var principal = await _auth.AuthenticatePartAsync(token, fileId, cancellationToken);
        return new TokenPartUpload(this, principal, fileId, Tokens.Acquire(token!));
    }

    /// <summary>b2_start_large_file: an unfinished large file, listed as <c>start</c> until finished or cancelled.</summary>
    public async Task<FileVersion> StartLargeFileAsync(Principal principal, StartLargeFileCommand command, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var (bucket, info, uploadTimestamp, retention, legalHold, encryption) = await NewVersionRules.CheckAsync(principal,
            new NewVersionRules.Request(command.BucketId, command.FileName, command.ContentType, command.FileInfo, command.CustomUploadTimestamp,
                command.Lock, command.Encryption),
            _buckets, _options, now, cancellationToken);
        var version = new FileVersion
        {
            FileId = IdGenerator.NewFileId(bucket.BucketId, FileIdKind.Large, now),
            AccountId = bucket.AccountId,
            BucketId = bucket.BucketId,
            FileName = command.FileName,
            Action = FileAction.Start,
            ContentLength = 0,
            ContentSha1 = "none",
            ContentMd5 = null,
            ContentType = ContentTypes.Resolve(command.ContentType, command.FileName),
            FileInfo = info,
            UploadTimestamp = uploadTimestamp,
            Retention = retention,
            LegalHold = legalHold,
            Encryption = encryption,
            // Decided at start, as its name and bucket are; shown once the file is finished.
            ReplicationStatus = ReplicationConfiguration.StatusForNewVersion(bucket.ReplicationConfigurationJson, command.FileName, principal.Key.ApplicationKeyId),
        };
        return await _store.InsertFileVersionAsync(version, cancellationToken);
    }

    /// <summary>b2_get_upload_part_url: a fresh token for one part URL of the file.</summary>
    public async Task<string> GetUploadPartTokenAsync(Principal principal, string fileId, CancellationToken cancellationToken)
    {
        var file = await GetUnfinishedAsync(principal, Capabilities.WriteFiles, fileId, cancellationToken);
        return _auth.IssuePartToken(principal, file.FileId);
    }

    /// <summary>
    /// b2_upload_part. <paramref name="principal"/> comes from the part token of this file's URL. Re-uploading a part
    /// number replaces the earlier part, whose blob is freed once nothing references it. <paramref name="encryption"/> is what
    /// the part's headers say; the file's own encryption (from start) is what applies, and an SSE-C file needs its key.
    /// </summary>
    public async Task<Part> UploadPartAsync(Principal principal, string fileId, int partNumber, long declaredLength, ContentSha1 sha1, EncryptionRequest? encryption, Stream body,
        CancellationToken cancellationToken)
    {
        CheckPartNumber(partNumber);
        var dataLength = sha1.Mode == Sha1Mode.HexDigitsAtEnd ? declaredLength - 40 : declaredLength;
        if (dataLength > _options.MaxUploadSize)
        {
            throw Fail.BadRequest($"Part is {dataLength} bytes; the most b2_upload_part accepts is {_options.MaxUploadSize}");
        }
        var file = await GetUnfinishedAsync(principal, Capabilities.WriteFiles, fileId, cancellationToken);
        var key = SseRules.RequirePartKey(file, encryption);
        await _caps.CheckStorageAsync(file.AccountId, dataLength, cancellationToken);
        return await StorePartAsync(file, partNumber, key, writer => BlobIngest.IngestAsync(body, writer, declaredLength, sha1, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Writes a new blob with <paramref name="write"/>, commits it, then records it as part <paramref name="partNumber"/>
    /// of <paramref name="file"/>, encrypted as the file is (each part blob with its own data key or initial counter;
    /// <paramref name="customerKey"/> for SSE-C files, already checked). Used by b2_upload_part and b2_copy_part.
    /// </summary>
    public async Task<Part> StorePartAsync(FileVersion file, int partNumber, CustomerKey? customerKey, Func<IBlobWriter, Task<IngestResult>> write, CancellationToken cancellationToken)
    {
        CheckPartNumber(partNumber);
        var blobId = IdGenerator.NewBlobId();
        IngestResult ingested;
        string? envelope;
        await using (var writer = _keyring.Seal(await _blobs.CreateAsync(blobId, cancellationToken), file.Encryption, customerKey, out envelope))
        {
            ingested = await write(writer);
            await writer.CommitAsync(cancellationToken);
        }
        var part = new Part
        {
            FileId = file.FileId,
            PartNumber = partNumber,
            BlobId = blobId,
            ContentLength = ingested.Length,
            ContentSha1 = ingested.Sha1,
            ContentMd5 = ingested.Md5,
            UploadTimestamp = _time.GetUtcNow().ToUnixTimeMilliseconds(),
            Key = envelope,
        };
        IReadOnlyList<string> freed;
        try
        {
            freed = await _store.UpsertPartAsync(part, CancellationToken.None);
        }
        catch (CairnException e) when (e.Error == CairnError.FileNotPresent)
        {
            // Finished or cancelled while this part was on the wire.
            await _reclaimer.DeleteAsync([blobId]);
            throw NoActiveUpload(file.FileId);
        }
        catch
        {
            await _reclaimer.DeleteAsync([blobId]);
            throw;
        }
        await _reclaimer.DeleteAsync(freed);
        CairnMetrics.BytesUploaded.Add(part.ContentLength);
        return part;
    }

    /// <summary>b2_list_parts: parts of an unfinished large file in ascending order.</summary>
    public async Task<PartPage> ListPartsAsync(Principal principal, string fileId, int? startPartNumber, int? maxPartCount, CancellationToken cancellationToken)
    {
        // 0 reads as "from the start", as b2sdk's RawSimulator reads it: the npm backblaze-b2 library sends 0 when its
        // caller gives no start.
        var start = startPartNumber is null or 0 ? LargeFileLimits.MinPartNumber : startPartNumber.Value;
        if (start is < LargeFileLimits.MinPartNumber or > LargeFileLimits.MaxPartNumber)
        {
            throw Fail.BadRequest($"startPartNumber must be in range {LargeFileLimits.MinPartNumber} - {LargeFileLimits.MaxPartNumber}");
        }
        var max = maxPartCount ?? LargeFileLimits.DefaultMaxPartCount;
        if (max is < 1 or > LargeFileLimits.MaxPartCountLimit)
        {
            throw Fail.BadRequest($"maxPartCount must be between 1 and {LargeFileLimits.MaxPartCountLimit}");
        }
        await GetUnfinishedAsync(principal, Capabilities.ListFiles, fileId, cancellationToken);
        var parts = await _store.ListPartsAsync(fileId, start, max + 1, cancellationToken);
        return parts.Count > max
            ? new PartPage(parts.Take(max).ToList(), parts[max].PartNumber)
            : new PartPage(parts, null);
    }

    /// <summary>
    /// b2_finish_large_file: checks that parts 1..N exist with the given SHA-1s and sizes, then turns the file into an
    /// upload whose content is its parts in order. The id and upload timestamp stay those of the start.
    /// </summary>
    public Task<FileVersion> FinishLargeFileAsync(Principal principal, string fileId, IReadOnlyList<string> partSha1Array, CancellationToken cancellationToken) =>
        FinishAsync(principal, fileId, partSha1Array, LargeFileLimits.MinPartCount, cancellationToken);

    /// <summary>
    /// S3's CompleteMultipartUpload: <see cref="FinishLargeFileAsync"/>, except that one part is enough. S3 (and B2's
    /// S3-compatible API) completes an upload of a single part, which clients such as MinIO's send for an object of one
    /// part size; b2_finish_large_file refuses it.
    /// </summary>
    public Task<FileVersion> CompleteMultipartUploadAsync(Principal principal, string fileId, IReadOnlyList<string> partSha1Array, CancellationToken cancellationToken) =>
        FinishAsync(principal, fileId, partSha1Array, 1, cancellationToken);

    private async Task<FileVersion> FinishAsync(Principal principal, string fileId, IReadOnlyList<string> partSha1Array, int minPartCount, CancellationToken cancellationToken)
    {
        // B2 checks this before anything else, with this text (b2-api/large-files.md; the B2 docs require at least two
        // parts): a large file of one part is refused.
        if (partSha1Array.Count < minPartCount)
        {
            throw Fail.BadRequest("large files must have at least 2 parts");
        }
        if (partSha1Array.Count > LargeFileLimits.MaxPartNumber)
        {
            throw Fail.BadRequest($"partSha1Array has {partSha1Array.Count} entries; a large file has at most {LargeFileLimits.MaxPartNumber} parts");
        }
        var expected = new string[partSha1Array.Count];
        for (var i = 0; i < partSha1Array.Count; i++)
        {
            var sha1 = partSha1Array[i];
            expected[i] = ContentSha1.IsHex40(sha1) ? sha1.ToLowerInvariant() : throw Fail.BadRequest($"partSha1Array[{i}] is not a 40-digit hex SHA-1: {partSha1Array[i]}");
        }
        var file = await GetUnfinishedAsync(principal, Capabilities.WriteFiles, fileId, cancellationToken);
        var parts = await _store.ListPartsAsync(fileId, LargeFileLimits.MinPartNumber, LargeFileLimits.MaxPartNumber + 1, cancellationToken);
        var segments = new List<BlobSegment>(expected.Length);
        long total = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var number = i + 1;
            if (i >= parts.Count || parts[i].PartNumber != number)
            {
                throw new CairnException(CairnError.MissingPart, $"Part number {number} has not been uploaded");
            }
            var part = parts[i];
            if (part.ContentSha1 != expected[i])
            {
                throw new CairnException(CairnError.PartSha1Mismatch, $"Part number {number} has SHA-1 {part.ContentSha1}, not {partSha1Array[i]}");
            }
            if (number < expected.Length && part.ContentLength < _options.AbsoluteMinimumPartSize)
            {
                throw Fail.BadRequest($"Part number {number} is smaller than the minimum part size: {part.ContentLength} < {_options.AbsoluteMinimumPartSize}");
            }
            total += part.ContentLength;
            segments.Add(new BlobSegment(part.BlobId, 0, part.ContentLength, part.Key));
        }
        if (parts.Count > expected.Length)
        {
            throw Fail.BadRequest($"Part number {parts[expected.Length].PartNumber} was uploaded but is not in partSha1Array ({expected.Length} parts)");
        }
        if (total > LargeFileLimits.MaxFileSize)
        {
            throw Fail.BadRequest($"The large file would be {total} bytes; the most B2 allows is {LargeFileLimits.MaxFileSize}");
        }
        var finished = file with
        {
            Action = FileAction.Upload,
            ContentLength = total,
            ContentSha1 = "none",
            ContentMd5 = null,
            Segments = segments,
        };
        if (!await _store.FinishLargeFileAsync(finished, CancellationToken.None))
        {
            throw NoActiveUpload(fileId);
        }
        _caps.Stored(finished.ContentLength);
        CairnMetrics.FilesStored.Add(1);
        await (_notifications?.PublishAsync(finished, finished.ReplicationStatus == ReplicationStatus.Replica
            ? EventTypes.ObjectCreatedMultipartReplica : EventTypes.ObjectCreatedMultipartUpload) ?? Task.CompletedTask);
        return finished;
    }

    /// <summary>b2_cancel_large_file: removes the unfinished file and its parts, and deletes their blobs.</summary>
    public async Task<FileVersion> CancelLargeFileAsync(Principal principal, string fileId, CancellationToken cancellationToken)
    {
        var file = await GetUnfinishedAsync(principal, Capabilities.WriteFiles, fileId, cancellationToken);
        var deleted = await _store.DeleteFileVersionAsync(fileId, unfinishedOnly: true, CancellationToken.None) ?? throw NoActiveUpload(fileId);
        await _reclaimer.DeleteAsync(deleted.FreedBlobIds);
        return file;
    }

    /// <summary>b2_list_unfinished_large_files: oldest first, names starting with <paramref name="namePrefix"/>.</summary>
    public async Task<UnfinishedPage> ListUnfinishedLargeFilesAsync(Principal principal, string bucketId, string? namePrefix, string? startFileId, int? maxFileCount, CancellationToken cancellationToken)
    {
        var prefix = namePrefix ?? "";
        principal.RequireListing(Capabilities.ListFiles, bucketId, prefix);
        var max = maxFileCount ?? LargeFileLimits.DefaultMaxFileCount;
        if (max is < 1 or > LargeFileLimits.MaxFileCountLimit)
        {
            throw Fail.BadRequest($"maxFileCount must be between 1 and {LargeFileLimits.MaxFileCountLimit}");
        }
        if (startFileId is not null && !IdFormats.IsFileId(startFileId))
        {
            throw Fail.InvalidFileId(startFileId);
        }
        await _buckets.GetOwnedAsync(principal, bucketId, cancellationToken);
        var files = await _store.ListUnfinishedLargeFilesAsync(bucketId, prefix, startFileId, max + 1, cancellationToken);
        return files.Count > max
            ? new UnfinishedPage(files.Take(max).ToList(), files[max].FileId)
            : new UnfinishedPage(files, null);
    }

    /// <summary>The unfinished large file <paramref name="fileId"/>, checked against the caller's capability and scope.</summary>
    public async Task<FileVersion> GetUnfinishedAsync(Principal principal, string capability, string fileId, CancellationToken cancellationToken)
    {
        var bucketId = FileService.BucketIdOf(fileId);
        principal.RequireBucket(capability, bucketId);
        var file = await _store.GetFileVersionAsync(fileId, cancellationToken);
        if (file is null || file.AccountId != principal.AccountId || file.Action != FileAction.Start)
        {
            throw NoActiveUpload(fileId);
        }
        principal.RequireName(capability, bucketId, file.FileName);
        return file;
    }

    public static void CheckPartNumber(int partNumber)
    {
        if (partNumber is < LargeFileLimits.MinPartNumber or > LargeFileLimits.MaxPartNumber)
        {
            throw Fail.BadRequest($"Part number must be in range {LargeFileLimits.MinPartNumber} - {LargeFileLimits.MaxPartNumber}");
        }
    }

    private static CairnException NoActiveUpload(string fileId) => new(CairnError.NoActiveUpload, $"No active upload for: {fileId}");
}
