using Cairn.Core.Buckets;
using Cairn.Core.Encryption;
using Cairn.Core.Files;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Core.Notifications;
using Cairn.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Cairn.Core.Replication;

/// <summary>
/// Carries out Cloud Replication: a pass reads the due versions from the replication outbox (queued by the store with
/// the upload, copy or large-file finish that made them visible, or by an <c>includeExistingFiles</c> backfill) and
/// copies each to the destination of every rule that selects it — a bucket of this Cairn through the store directly
/// (sharing the source's blobs, as a server-side copy does), or a bucket of another B2-compatible service through
/// <see cref="IReplicationRemotes"/>. A replica is a new version of the same name, content type, file info and upload
/// timestamp with status <see cref="ReplicationStatus.Replica"/>, and fires <c>b2:ObjectCreated:Replica</c> (or
/// <c>MultipartReplica</c> for a large file) in the destination bucket. The source then becomes
/// <see cref="ReplicationStatus.Completed"/>; after <see cref="ReplicationOptions.MaxAttempts"/> failed attempts,
/// <see cref="ReplicationStatus.Failed"/>. As on B2, hide markers and deletions are not replicated, replicas are never
/// replicated further, and SSE-C files fail. A lease in the metadata store lets one node at a time replicate; the
/// outbox survives restarts.
/// </summary>
public sealed partial class ReplicationDispatcher
{
    public const string LeaseName = "replication";

    private readonly IMetadataStore _store;
    private readonly DownloadService _downloads;
    private readonly IReplicationRemotes _remotes;
    private readonly ReplicationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ReplicationDispatcher> _logger;
    private readonly NotificationService? _notifications;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public ReplicationDispatcher(IMetadataStore store, DownloadService downloads, IReplicationRemotes remotes, ReplicationOptions options,
        TimeProvider time, ILogger<ReplicationDispatcher> logger, NotificationService? notifications = null)
    {
        _store = store;
        _downloads = downloads;
        _remotes = remotes;
        _options = options;
        _time = time;
        _logger = logger;
        _notifications = notifications;
    }

    /// <summary>This node's name in leases.</summary>
    public string NodeId { get; } = Environment.MachineName + "-" + Environment.ProcessId + "-" + IdGenerator.RandomHex(6);

    /// <summary>One pass. Returns the number of versions whose replication finished (completed or failed).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            // Read first: an idle outbox costs one read per poll, and no write.
            var due = await _store.ListDueReplicationsAsync(_time.GetUtcNow().ToUnixTimeMilliseconds(), _options.MaxTasksPerPass, cancellationToken);
            var finished = 0;
            foreach (var task in due)
            {
                if (!await _store.TryAcquireLeaseAsync(LeaseName, NodeId, _time.GetUtcNow(), _options.LeaseDuration, cancellationToken))
                {
                    break;
                }
                if (await ReplicateAsync(task, cancellationToken))
                {
                    finished++;
                }
            }
            return finished;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<bool> ReplicateAsync(ReplicationTask task, CancellationToken cancellationToken)
    {
        var source = await _store.GetFileVersionAsync(task.FileId, cancellationToken);
        if (source is null || source.Action != FileAction.Upload || source.ReplicationStatus != ReplicationStatus.Pending)
        {
            // Deleted before its turn (B2 does not replicate deletions), or already decided: nothing left to do.
            await _store.CompleteReplicationAsync(task.FileId, source?.ReplicationStatus ?? ReplicationStatus.Failed, CancellationToken.None);
            return true;
        }
        string? problem;
        try
        {
            problem = await CopyToDestinationsAsync(source, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            problem = e.Message;
            LogAttemptFailed(_logger, source.FileId, e);
        }
        if (problem is null)
        {
            await _store.CompleteReplicationAsync(source.FileId, ReplicationStatus.Completed, CancellationToken.None);
            LogReplicated(_logger, source.FileId, source.BucketId);
            return true;
        }
        var failures = task.Attempts + 1;
        if (failures >= _options.MaxAttempts)
        {
            await _store.CompleteReplicationAsync(source.FileId, ReplicationStatus.Failed, CancellationToken.None);
            LogFailed(_logger, source.FileId, failures, problem);
            return true;
        }
        var next = _time.GetUtcNow() + _options.BackoffAfter(failures);
        await _store.RescheduleReplicationAsync(source.FileId, failures, next.ToUnixTimeMilliseconds(), CancellationToken.None);
        LogRetrying(_logger, source.FileId, failures, problem, next);
        return false;
    }

    /// <summary>Copies to every destination; null when all succeeded, else why not.</summary>
    private async Task<string?> CopyToDestinationsAsync(FileVersion source, CancellationToken cancellationToken)
    {
        var bucket = await _store.GetBucketAsync(source.BucketId, cancellationToken);
        var configuration = ReplicationConfiguration.Parse(bucket?.ReplicationConfigurationJson);
        var rules = configuration?.RulesFor(source.FileName) ?? [];
        if (bucket is null || configuration is null || rules.Count == 0)
        {
            return "no enabled replication rule of the bucket selects the file any more";
        }
        if (source.Encryption?.Mode == SseModes.SseC)
        {
            return "files encrypted with SSE-C are not replicated";
        }
        if (await CheckSourceKeyAsync(configuration.SourceApplicationKeyId, source) is { } keyProblem)
        {
            return keyProblem;
        }
        foreach (var rule in rules)
        {
            var destination = IdFormats.IsBucketId(rule.DestinationBucketId) ? await _store.GetBucketAsync(rule.DestinationBucketId, cancellationToken) : null;
            if (destination is not null)
            {
                if (await WriteLocalReplicaAsync(configuration.SourceApplicationKeyId!, source, destination, cancellationToken) is { } problem)
                {
                    return problem;
                }
            }
            else if (!await _remotes.TryWriteReplicaAsync(rule.DestinationBucketId, configuration.SourceApplicationKeyId, source, IsLargeFile(source),
                (offset, length, stream, ct) => _downloads.CopyContentAsync(source, offset, length, stream, ct), cancellationToken))
            {
                return $"destination bucket {rule.DestinationBucketId} is neither here nor in a configured remote that accepts this source key";
            }
        }
        return null;
    }

    private async Task<string?> CheckSourceKeyAsync(string? keyId, FileVersion source)
    {
        if (keyId is null)
        {
            return "the replication source has no sourceApplicationKeyId";
        }
        var key = await _store.GetKeyAsync(keyId, CancellationToken.None);
        return key is null || key.AccountId != source.AccountId || Expired(key)
            ? $"source application key {keyId} does not exist"
            : !key.Capabilities.Contains(Capabilities.ReadFiles) || !Reaches(key, source.BucketId, source.FileName)
                ? $"source application key {keyId} may not read {source.FileName}"
                : null;
    }

    private async Task<string?> WriteLocalReplicaAsync(string sourceKeyId, FileVersion source, Bucket destination, CancellationToken cancellationToken)
    {
        var mapping = ReplicationConfiguration.Parse(destination.ReplicationConfigurationJson)?.KeyMapping;
        if (mapping is null || !mapping.TryGetValue(sourceKeyId, out var destinationKeyId))
        {
            return $"destination bucket {destination.BucketId} maps no destination key to source key {sourceKeyId}";
        }
        var key = await _store.GetKeyAsync(destinationKeyId, cancellationToken);
        if (key is null || key.AccountId != destination.AccountId || Expired(key)
            || !key.Capabilities.Contains(Capabilities.WriteFiles) || !Reaches(key, destination.BucketId, source.FileName))
        {
            return $"destination application key {destinationKeyId} may not write {source.FileName} in bucket {destination.BucketId}";
        }
        // A retry after a crash between writing the replica and recording completion, or after another destination
        // failed, finds its replica already there: the name's current version is a replica of these bytes and time.
        if (await _store.GetCurrentVersionAsync(destination.BucketId, source.FileName, cancellationToken) is
            { ReplicationStatus: ReplicationStatus.Replica } current
            && current.ContentSha1 == source.ContentSha1 && current.UploadTimestamp == source.UploadTimestamp && current.ContentLength == source.ContentLength)
        {
            return null;
        }
        var large = IsLargeFile(source);
        var now = _time.GetUtcNow();
        var replica = await _store.InsertFileVersionAsync(new FileVersion
        {
            FileId = IdGenerator.NewFileId(destination.BucketId, large ? FileIdKind.Large : FileIdKind.Small, now),
            AccountId = destination.AccountId,
            BucketId = destination.BucketId,
            FileName = source.FileName,
            Action = FileAction.Upload,
            ContentLength = source.ContentLength,
            ContentSha1 = source.ContentSha1,
            ContentMd5 = source.ContentMd5,
            ContentType = source.ContentType,
            FileInfo = source.FileInfo,
            UploadTimestamp = source.UploadTimestamp,
            Segments = source.Segments,
            Encryption = source.Encryption,
            ReplicationStatus = ReplicationStatus.Replica,
        }, CancellationToken.None);
        // As for a server-side copy: a source deleted meanwhile may have had its blobs freed before the replica's
        // reference counted. Undo the replica; the source is gone, and B2 does not replicate deletions anyway.
        if (await _store.GetFileVersionAsync(source.FileId, CancellationToken.None) is null)
        {
            await _store.DeleteFileVersionAsync(replica.FileId, unfinishedOnly: false, CancellationToken.None);
            return null;
        }
        await (_notifications?.PublishAsync(replica, large ? EventTypes.ObjectCreatedMultipartReplica : EventTypes.ObjectCreatedReplica) ?? Task.CompletedTask);
        return null;
    }

    private bool Expired(ApplicationKey key) => key.ExpirationTimestamp is { } expires && expires <= _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static bool Reaches(ApplicationKey key, string bucketId, string fileName) =>
        (key.BucketIds is null || key.BucketIds.Contains(bucketId))
        && (key.NamePrefix is null || fileName.StartsWith(key.NamePrefix, StringComparison.Ordinal));

    /// <summary>A version made by finishing a large file (its id says so, as B2's do).</summary>
    public static bool IsLargeFile(FileVersion version) => IdFormats.KindOf(version.FileId) == FileIdKind.Large;

    [LoggerMessage(EventId = 2301, Level = LogLevel.Debug, Message = "Replicated {FileId} of bucket {BucketId}")]
    private static partial void LogReplicated(ILogger logger, string fileId, string bucketId);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Replication of {FileId} failed (attempt {Attempt}: {Problem}); retrying at {NextAttempt:o}")]
    private static partial void LogRetrying(ILogger logger, string fileId, int attempt, string problem, DateTimeOffset nextAttempt);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Replication of {FileId} failed {Attempts} times and is given up: {Problem}")]
    private static partial void LogFailed(ILogger logger, string fileId, int attempts, string problem);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Debug, Message = "Replication attempt of {FileId} threw")]
    private static partial void LogAttemptFailed(ILogger logger, string fileId, Exception exception);
}
