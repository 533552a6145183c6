using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Encryption;
using Cairn.Core.Errors;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Core.Limits;
using Cairn.Core.Notifications;
using Cairn.Core.Observability;
using Cairn.Core.Replication;
using Cairn.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Cairn.Core.Files;

/// <summary>
/// b2_get_upload_url and b2_upload_file: the write path of DESIGN.md. Stream into a temporary blob while hashing →
/// check → fsync and rename → commit the metadata (group-committed) → only then answer.
/// </summary>
public sealed partial class UploadService
{
    private readonly IMetadataStore _store;
    private readonly IBlobStore _blobs;
    private readonly BucketService _buckets;
    private readonly AuthService _auth;
    private readonly ObjectServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<UploadService> _logger;
    private readonly AccountCaps _caps;
    private readonly NotificationService? _notifications;
    private readonly SseKeyring _keyring;

    public UploadService(IMetadataStore store, IBlobStore blobs, BucketService buckets, AuthService auth, ObjectServiceOptions options, TimeProvider time, ILogger<UploadService> logger,
        AccountCaps caps, SseKeyring keyring, NotificationService? notifications = null)
    {
        _keyring = keyring;
        _caps = caps;
        _store = store;
        _blobs = blobs;
        _buckets = buckets;
        _auth = auth;
        _options = options;
        _time = time;
        _logger = logger;
        _notifications = notifications;
    }

    private UploadTokenRegistry Tokens { get; } = new();

    /// <summary>
    /// b2_upload_file's door: authenticates an upload-URL token for <paramref name="bucketId"/> and takes its lease
    /// (one upload per token at a time, as B2), until the returned upload is disposed.
    /// </summary>
    public async Task<TokenUpload> OpenTokenUploadAsync(string? token, string bucketId, CancellationToken cancellationToken)
    {
        var principal = await _auth.AuthenticateUploadAsync(token, bucketId, cancellationToken);
        return new TokenUpload(this, principal, Tokens.Acquire(token!));
    }

    /// <summary>b2_get_upload_url: a fresh token for the bucket's upload URL.</summary>
    public async Task<string> GetUploadUrlTokenAsync(Principal principal, string bucketId, CancellationToken cancellationToken)
    {
        principal.RequireBucket(Capabilities.WriteFiles, bucketId);
        await _buckets.GetOwnedAsync(principal, bucketId, cancellationToken);
        return _auth.IssueUploadToken(principal, bucketId);
    }

    /// <summary>b2_upload_file. <paramref name="principal"/> comes from the upload token of this bucket's URL.</summary>
    public async Task<FileVersion> UploadFileAsync(Principal principal, UploadFileCommand command, Stream body, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var (bucket, info, uploadTimestamp, retention, legalHold, encryption) = await NewVersionRules.CheckAsync(principal, new NewVersionRules.Request(command.BucketId, command.FileName, command.ContentType,
            command.FileInfo, command.CustomUploadTimestamp, command.Lock, command.Encryption),
            _buckets, _options, now, cancellationToken);
        var dataLength = command.Sha1.Mode == Sha1Mode.HexDigitsAtEnd ? command.DeclaredLength - 40 : command.DeclaredLength;
        if (dataLength > _options.MaxUploadSize)
        {
            throw Fail.BadRequest($"File is {dataLength} bytes; the most b2_upload_file accepts is {_options.MaxUploadSize}. Use a large file.");
        }
        await _caps.CheckStorageAsync(bucket.AccountId, dataLength, cancellationToken);

        var blobId = IdGenerator.NewBlobId();
        IngestResult ingested;
        string? envelope;
        await using (var writer = _keyring.Seal(await _blobs.CreateAsync(blobId, cancellationToken), encryption, command.Encryption?.Key, out envelope))
        {
            ingested = await BlobIngest.IngestAsync(body, writer, command.DeclaredLength, command.Sha1, cancellationToken);
            await writer.CommitAsync(cancellationToken);
        }
        var version = new FileVersion
        {
            FileId = IdGenerator.NewFileId(bucket.BucketId, FileIdKind.Small, now),
            AccountId = bucket.AccountId,
            BucketId = bucket.BucketId,
            FileName = command.FileName,
            Action = FileAction.Upload,
            ContentLength = ingested.Length,
            ContentSha1 = ingested.ReportedSha1,
            ContentMd5 = ingested.Md5,
            ContentType = ContentTypes.Resolve(command.ContentType, command.FileName),
            FileInfo = info,
            UploadTimestamp = uploadTimestamp,
            Segments = [new BlobSegment(blobId, 0, ingested.Length, envelope)],
            Retention = retention,
            LegalHold = legalHold,
            Encryption = encryption,
            ReplicationStatus = ReplicationConfiguration.StatusForNewVersion(bucket.ReplicationConfigurationJson, command.FileName, principal.Key.ApplicationKeyId),
        };
        try
        {
            version = await _store.InsertFileVersionAsync(version, CancellationToken.None);
        }
        catch
        {
            await DeleteBlobQuietlyAsync(blobId);
            throw;
        }
        _caps.Stored(version.ContentLength);
        CairnMetrics.FilesStored.Add(1);
        CairnMetrics.BytesUploaded.Add(version.ContentLength);
        await (_notifications?.PublishAsync(version, version.ReplicationStatus == ReplicationStatus.Replica ? EventTypes.ObjectCreatedReplica : EventTypes.ObjectCreatedUpload)
            ?? Task.CompletedTask);
        return version;
    }

    private async Task DeleteBlobQuietlyAsync(string blobId)
    {
        try
        {
            await _blobs.DeleteAsync(blobId, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogBlobDeleteFailed(_logger, blobId, e);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Could not delete blob {BlobId}; the orphan sweep will remove it")]
    private static partial void LogBlobDeleteFailed(ILogger logger, string blobId, Exception exception);
}
