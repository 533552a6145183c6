using Cairn.Core.Buckets;
using Cairn.Core.FileLock;
using Cairn.Core.Files;
using Cairn.Core.Ids;
using Cairn.Core.Limits;
using Cairn.Core.Notifications;
using Cairn.Core.Observability;
using Cairn.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Cairn.Core.Lifecycle;

/// <summary>
/// Applies buckets' lifecycle rules (b2-api/lifecycle-cors-lock.md). A pass walks every version under each rule's
/// prefix, name by name, newest first:
/// <list type="bullet">
/// <item><c>daysFromUploadingToHiding</c>: a current upload older than N days gets a hide marker.</item>
/// <item><c>daysFromHidingToDeleting</c>: a version that stopped being current (a newer upload or hide marker arrived)
/// N days ago is deleted; a current hide marker with nothing older left, N days after it was made, is deleted too.</item>
/// <item><c>daysFromStartingToCancelingUnfinishedLargeFiles</c>: unfinished large files started N days ago are cancelled.</item>
/// </list>
/// The clock is the injected <see cref="TimeProvider"/>, so tests advance days; a lease in the metadata store lets
/// one node at a time run a pass.
/// </summary>
public sealed partial class LifecycleService
{
    public const string LeaseName = "lifecycle";
    private const int PageSize = 1000;

    private readonly IMetadataStore _store;
    private readonly BlobReclaimer _reclaimer;
    private readonly TimeProvider _time;
    private readonly ILogger<LifecycleService> _logger;
    private readonly NotificationService? _notifications;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly AccountCaps _caps;

    public LifecycleService(IMetadataStore store, BlobReclaimer reclaimer, TimeProvider time, ILogger<LifecycleService> logger,
        AccountCaps caps, NotificationService? notifications = null)
    {
        _caps = caps;
        _store = store;
        _reclaimer = reclaimer;
        _time = time;
        _logger = logger;
        _notifications = notifications;
    }

    /// <summary>This node's name in leases.</summary>
    public string NodeId { get; } = Environment.MachineName + "-" + Environment.ProcessId + "-" + IdGenerator.RandomHex(6);

    /// <summary>Runs one pass over every bucket if this node can take the lease for <paramref name="leaseDuration"/>.</summary>
    public async Task<LifecycleReport> RunOnceAsync(TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        // The lease keeps other nodes out; this keeps a second pass on this node (timer and a manual run) out.
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await RunLockedAsync(leaseDuration, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<LifecycleReport> RunLockedAsync(TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (!await _store.TryAcquireLeaseAsync(LeaseName, NodeId, now, leaseDuration, cancellationToken))
        {
            LogLeaseHeldElsewhere(_logger);
            return new LifecycleReport(0, 0, 0, Ran: false);
        }
        var account = await _store.GetAccountAsync(cancellationToken);
        if (account is null)
        {
            return new LifecycleReport(0, 0, 0, Ran: true);
        }
        var counts = new Counts();
        foreach (var bucket in await _store.ListBucketsAsync(account.AccountId, cancellationToken))
        {
            foreach (var rule in bucket.LifecycleRules)
            {
                await ApplyAsync(bucket, rule, now.ToUnixTimeMilliseconds(), counts, cancellationToken);
            }
        }
        LogPass(_logger, counts.Hidden, counts.Deleted, counts.Cancelled);
        return new LifecycleReport(counts.Hidden, counts.Deleted, counts.Cancelled, Ran: true);
    }

    private async Task ApplyAsync(Bucket bucket, LifecycleRule rule, long now, Counts counts, CancellationToken cancellationToken)
    {
        var group = new List<FileVersion>();
        var start = rule.FileNamePrefix;
        string? startId = null;
        while (true)
        {
            var page = await _store.ListFileVersionsAsync(bucket.BucketId, rule.FileNamePrefix, start, startId, PageSize + 1, cancellationToken);
            var more = page.Count > PageSize;
            foreach (var version in more ? page.Take(PageSize) : page)
            {
                if (group.Count > 0 && group[0].FileName != version.FileName)
                {
                    await ApplyToNameAsync(bucket, rule, group, now, counts, cancellationToken);
                    group.Clear();
                }
                group.Add(version);
            }
            if (!more)
            {
                break;
            }
            (start, startId) = (page[PageSize].FileName, page[PageSize].FileId);
        }
        if (group.Count > 0)
        {
            await ApplyToNameAsync(bucket, rule, group, now, counts, cancellationToken);
        }
    }

    // versions: every version of one name, newest first.
    private async Task ApplyToNameAsync(Bucket bucket, LifecycleRule rule, List<FileVersion> versions, long now, Counts counts, CancellationToken cancellationToken)
    {
        if (rule.DaysFromStartingToCancelingUnfinishedLargeFiles is { } cancelDays)
        {
            foreach (var unfinished in versions.Where(v => v.Action == FileAction.Start && v.UploadTimestamp + Days(cancelDays) <= now))
            {
                await DeleteAsync(unfinished, cancellationToken);
                counts.Cancelled++;
            }
        }
        var history = versions.Where(v => v.Action != FileAction.Start).ToList();
        if (history.Count == 0)
        {
            return;
        }
        if (rule.DaysFromUploadingToHiding is { } hideDays && history[0].Action == FileAction.Upload && history[0].UploadTimestamp + Days(hideDays) <= now)
        {
            var marker = HideMarker(bucket, history[0].FileName, now);
            marker = await _store.InsertFileVersionAsync(marker, cancellationToken);
            await (_notifications?.PublishAsync(marker, EventTypes.HideMarkerCreatedLifecycleRule) ?? Task.CompletedTask);
            history.Insert(0, marker);
            counts.Hidden++;
        }
        if (rule.DaysFromHidingToDeleting is not { } deleteDays)
        {
            return;
        }
        var remainingOlder = 0;
        for (var i = 1; i < history.Count; i++)
        {
            // A version stops being current when the next newer one arrives.
            if (history[i - 1].UploadTimestamp + Days(deleteDays) <= now)
            {
                await DeleteAsync(history[i], cancellationToken);
                counts.Deleted++;
            }
            else
            {
                remainingOlder++;
            }
        }
        if (history[0].Action == FileAction.Hide && remainingOlder == 0 && history[0].UploadTimestamp + Days(deleteDays) <= now)
        {
            await DeleteAsync(history[0], cancellationToken);
            counts.Deleted++;
        }
    }

    private async Task DeleteAsync(FileVersion version, CancellationToken cancellationToken)
    {
        if (!ObjectLock.IsDeletableWithoutBypass(version, _time.GetUtcNow().ToUnixTimeMilliseconds()))
        {
            return; // Lifecycle rules never bypass Object Lock.
        }
        var deleted = await _store.DeleteFileVersionAsync(version.FileId, unfinishedOnly: false, cancellationToken);
        if (deleted is not null)
        {
            _caps.Stored(-deleted.Version.ContentLength);
            CairnMetrics.VersionsDeleted.Add(1);
            await (_notifications?.PublishAsync(deleted.Version, EventTypes.ObjectDeletedLifecycleRule) ?? Task.CompletedTask);
            await _reclaimer.DeleteAsync(deleted.FreedBlobIds);
        }
    }

    private static FileVersion HideMarker(Bucket bucket, string fileName, long now) => new()
    {
        FileId = IdGenerator.NewFileId(bucket.BucketId, FileIdKind.Small, DateTimeOffset.FromUnixTimeMilliseconds(now)),
        AccountId = bucket.AccountId,
        BucketId = bucket.BucketId,
        FileName = fileName,
        Action = FileAction.Hide,
        ContentSha1 = EmptyContent.Sha1,
        ContentMd5 = EmptyContent.Md5,
        ContentType = ContentTypes.HideMarker,
        UploadTimestamp = now,
    };

    private static long Days(int days) => days * 86_400_000L;

    private sealed class Counts
    {
        public int Hidden;
        public int Deleted;
        public int Cancelled;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Lifecycle pass skipped: another node holds the lease")]
    private static partial void LogLeaseHeldElsewhere(ILogger logger);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Lifecycle pass: {Hidden} hide markers created, {Deleted} versions deleted, {Cancelled} unfinished large files cancelled")]
    private static partial void LogPass(ILogger logger, int hidden, int deleted, int cancelled);
}
