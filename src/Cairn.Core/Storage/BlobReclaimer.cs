using Cairn.Core.Observability;
using Microsoft.Extensions.Logging;

namespace Cairn.Core.Storage;

/// <summary>
/// Deletes blobs that the metadata store reported as no longer referenced, and sweeps orphans: blobs written but
/// never committed to metadata (a crash between rename and commit), found by listing the blob store.
/// </summary>
public sealed partial class BlobReclaimer
{
    private const int SweepBatch = 500;
    private readonly IMetadataStore _store;
    private readonly IBlobStore _blobs;
    private readonly ILogger<BlobReclaimer> _logger;

    public BlobReclaimer(IMetadataStore store, IBlobStore blobs, ILogger<BlobReclaimer> logger)
    {
        _store = store;
        _blobs = blobs;
        _logger = logger;
    }

    /// <summary>Deletes freed blobs after their metadata change is durable. Failures only leave orphans for the sweep.</summary>
    public async Task DeleteAsync(IReadOnlyList<string> blobIds)
    {
        foreach (var blobId in blobIds)
        {
            try
            {
                await _blobs.DeleteAsync(blobId, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogDeleteFailed(_logger, blobId, e);
            }
        }
    }

    /// <summary>The lease under which one node at a time sweeps a blob store that several nodes share.</summary>
    public const string SweepLeaseName = "orphan-sweep";

    /// <summary>
    /// <see cref="SweepOrphansAsync"/> on a blob store several nodes share: only the node that takes the lease
    /// <see cref="SweepLeaseName"/> for <paramref name="leaseDuration"/> sweeps; the others leave it to that one
    /// and return null. The lease is not given back, so a cluster that restarts its nodes one after another sweeps
    /// once per <paramref name="leaseDuration"/>.
    /// </summary>
    public async Task<int?> SweepOrphansUnderLeaseAsync(string holder, DateTimeOffset now, TimeSpan leaseDuration, DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        if (!await _store.TryAcquireLeaseAsync(SweepLeaseName, holder, now, leaseDuration, cancellationToken))
        {
            LogSweepLeftToAnotherNode(_logger);
            return null;
        }
        return await SweepOrphansAsync(writtenBefore, cancellationToken);
    }

    /// <summary>
    /// Removes blobs last written before <paramref name="writtenBefore"/> that nothing references. Blobs written
    /// after it may belong to uploads still in flight, so they are left alone.
    /// </summary>
    /// <returns>How many blobs were removed.</returns>
    public async Task<int> SweepOrphansAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        var removed = 0;
        var batch = new List<string>(SweepBatch);
        await foreach (var blob in _blobs.ListAsync(cancellationToken))
        {
            if (blob.LastWriteTime >= writtenBefore)
            {
                continue;
            }
            batch.Add(blob.BlobId);
            if (batch.Count == SweepBatch)
            {
                removed += await SweepBatchAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            removed += await SweepBatchAsync(batch, cancellationToken);
        }
        LogSwept(_logger, removed);
        CairnMetrics.OrphansSwept.Add(removed);
        return removed;
    }

    private async Task<int> SweepBatchAsync(List<string> batch, CancellationToken cancellationToken)
    {
        var orphans = await _store.FindUnreferencedBlobsAsync(batch, cancellationToken);
        await DeleteAsync(orphans);
        return orphans.Count;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Could not delete blob {BlobId}; the orphan sweep will retry")]
    private static partial void LogDeleteFailed(ILogger logger, string blobId, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Orphan sweep removed {Count} blobs")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Orphan sweep skipped: another node holds its lease")]
    private static partial void LogSweepLeftToAnotherNode(ILogger logger);
}
