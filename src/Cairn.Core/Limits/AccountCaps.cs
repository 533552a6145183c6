using Cairn.Core.Errors;
using Cairn.Core.Storage;

namespace Cairn.Core.Limits;

/// <summary>
/// Enforces <see cref="CapOptions"/>. Daily counters live in memory (one server, one account). Stored bytes are counted
/// once from the store when the storage cap is first needed, then kept up to date by the upload and delete paths.
/// </summary>
public sealed class AccountCaps
{
    private readonly CapOptions _options;
    private readonly IMetadataStore _store;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _countLock = new(1, 1);
    private readonly Lock _dayLock = new();
    private long _day;
    private long _transactions;
    private long _downloadBytes;
    private long _storedBytes;
    private volatile bool _counted;

    public AccountCaps(CapOptions options, IMetadataStore store, TimeProvider time)
    {
        _options = options;
        _store = store;
        _time = time;
    }

    /// <summary>Counts one request against the daily transaction cap.</summary>
    public void CountTransaction()
    {
        if (_options.DailyTransactions is not { } cap)
        {
            return;
        }
        lock (_dayLock)
        {
            RollDay();
            if (_transactions >= cap)
            {
                throw new CairnException(CairnError.TransactionCapExceeded, $"Transaction cap exceeded: {cap} requests per day.");
            }
            _transactions++;
        }
    }

    /// <summary>Charges a download of <paramref name="bytes"/> against the daily download cap, or refuses it.</summary>
    public void ChargeDownload(long bytes)
    {
        if (_options.DailyDownloadBytes is not { } cap)
        {
            return;
        }
        lock (_dayLock)
        {
            RollDay();
            if (_downloadBytes + bytes > cap)
            {
                throw new CairnException(CairnError.DownloadCapExceeded, $"Cannot download files, download bandwidth cap exceeded ({cap} bytes per day).");
            }
            _downloadBytes += bytes;
        }
    }

    /// <summary>Refuses an upload of <paramref name="bytes"/> that would take stored bytes over the storage cap.</summary>
    public async Task CheckStorageAsync(string accountId, long bytes, CancellationToken cancellationToken)
    {
        if (_options.StorageBytes is not { } cap)
        {
            return;
        }
        var stored = _counted ? Interlocked.Read(ref _storedBytes) : await CountStoredAsync(accountId, cancellationToken);
        if (stored + bytes > cap)
        {
            throw new CairnException(CairnError.StorageCapExceeded, $"Cannot upload files, storage cap exceeded ({cap} bytes).");
        }
    }

    /// <summary>Stored bytes changed by <paramref name="delta"/> (an upload committed, a version deleted).</summary>
    public void Stored(long delta)
    {
        if (_options.StorageBytes is not null && _counted)
        {
            Interlocked.Add(ref _storedBytes, delta);
        }
    }

    private async Task<long> CountStoredAsync(string accountId, CancellationToken cancellationToken)
    {
        await _countLock.WaitAsync(cancellationToken);
        try
        {
            if (_counted)
            {
                return Interlocked.Read(ref _storedBytes);
            }
            long total = 0;
            foreach (var bucket in await _store.ListBucketsAsync(accountId, cancellationToken))
            {
                var start = "";
                string? startId = null;
                while (true)
                {
                    var page = await _store.ListFileVersionsAsync(bucket.BucketId, "", start, startId, 1000, cancellationToken);
                    foreach (var version in page)
                    {
                        total += version.ContentLength;
                    }
                    if (page.Count < 1000)
                    {
                        break;
                    }
                    // Inclusive start: the next page begins with the last version read, which is skipped by id below.
                    start = page[^1].FileName;
                    startId = page[^1].FileId;
                    total -= page[^1].ContentLength;
                }
            }
            Interlocked.Exchange(ref _storedBytes, total);
            _counted = true;
            return total;
        }
        finally
        {
            _countLock.Release();
        }
    }

    private void RollDay()
    {
        var day = _time.GetUtcNow().ToUnixTimeSeconds() / 86_400;
        if (day != _day)
        {
            _day = day;
            _transactions = 0;
            _downloadBytes = 0;
        }
    }
}
