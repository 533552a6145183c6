using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Cairn.Storage.Sqlite.Internal;

/// <summary>
/// The single writer. Callers queue writes; one loop owns the write connection, takes whatever is queued
/// (up to a batch limit), runs each write under its own SAVEPOINT inside one transaction and commits once.
/// Then it completes every caller. Many small concurrent writes thus share one fsync, a failing write rolls
/// back only itself and faults only its own caller, and each caller still hears back only after its commit.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private const string Begin = "BEGIN IMMEDIATE";
    private const string Commit = "COMMIT";
    private const string Rollback = "ROLLBACK";
    private const string Savepoint = "SAVEPOINT item";
    private const string ReleaseSavepoint = "RELEASE item";
    private const string RollbackToSavepoint = "ROLLBACK TO item";

    private readonly Channel<WriteItem> _queue = Channel.CreateUnbounded<WriteItem>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly SqliteSession _session;
    private readonly int _maxBatchSize;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _commits;

    /// <summary>Starts the loop. From now on only the loop may use <paramref name="session"/>.</summary>
    public GroupCommitWriter(SqliteSession session, int maxBatchSize, ILogger logger)
    {
        _session = session;
        _maxBatchSize = maxBatchSize;
        _logger = logger;
        // A thread of its own: the loop blocks in SQLite's commit (an fsync), and on the thread pool it would both
        // take a pool thread for that and wait for a free one after each batch, which under many concurrent uploads
        // (each blocking a pool thread in its own blob fsync) delayed every commit by the pool's thread injection.
        var thread = new Thread(Run) { IsBackground = true, Name = "Cairn SQLite writer" };
        thread.Start();
    }

    /// <summary>
    /// Queues <paramref name="work"/> and completes once the transaction that ran it has committed. A write
    /// whose token is canceled before the loop reaches it is skipped; once it has run, it is committed and
    /// reported even if the token is canceled meanwhile, so that a caller never mistakes a durable change for
    /// one that did not happen.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        var item = new WriteItem<T>(work, cancellationToken);
        return _queue.Writer.TryWrite(item)
            ? item.Task
            : Task.FromException<T>(new ObjectDisposedException(nameof(SqliteMetadataStore)));
    }

    /// <summary>Transactions committed so far; fewer than writes when group commit is doing its job.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Refuses new writes, lets the loop finish every write already queued, and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopped.Task.ConfigureAwait(false);
    }

    private void Run()
    {
        try
        {
            RunBatches();
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void RunBatches()
    {
        var reader = _queue.Reader;
        var batch = new List<WriteItem>(_maxBatchSize);
        // Blocking on the channel is right here: this thread does nothing else.
        while (reader.TryPeek(out _) || reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            try
            {
                var next = 0;
                while (next < batch.Count)
                {
                    next = RunTransaction(batch, next);
                }
            }
            catch (Exception ex)
            {
                // Not expected: RunTransaction handles SQLite's failures. Still, every caller must hear back.
                Abort(batch, 0, batch.Count, ex);
                foreach (var item in batch.Where(item => !item.IsSettled))
                {
                    item.Fail(ex);
                }
            }
            finally
            {
                foreach (var item in batch)
                {
                    item.Publish();
                }
                batch.Clear();
            }
        }
    }

    /// <summary>
    /// Runs items from <paramref name="start"/> on in one transaction and commits it. Returns the index of the
    /// first item not handled: the batch's end, or the item after one whose failure destroyed the transaction,
    /// in which case the rest go into a new transaction.
    /// </summary>
    private int RunTransaction(List<WriteItem> batch, int start)
    {
        try
        {
            _session.Execute(Begin);
        }
        catch (Exception ex)
        {
            Abort(batch, start, batch.Count, ex);
            return batch.Count;
        }

        for (var i = start; i < batch.Count; i++)
        {
            var item = batch[i];
            if (item.CancellationToken.IsCancellationRequested)
            {
                item.Cancel();
                continue;
            }
            try
            {
                _session.Execute(Savepoint);
                item.Run(_session);
                _session.Execute(ReleaseSavepoint);
            }
            catch (Exception ex)
            {
                item.Fail(ex);
                if (!TryRollBackItem())
                {
                    // SQLite ends the whole transaction after some errors (I/O, disk full): the items before
                    // this one are lost with it.
                    Abort(batch, start, i, ex);
                    return i + 1;
                }
            }
        }

        try
        {
            _session.Execute(Commit);
            Interlocked.Increment(ref _commits);
        }
        catch (Exception ex)
        {
            Abort(batch, start, batch.Count, ex);
            return batch.Count;
        }
        for (var i = start; i < batch.Count; i++)
        {
            batch[i].MarkCommitted();
        }
        return batch.Count;
    }

    private bool TryRollBackItem()
    {
        if (_session.IsAutocommit)
        {
            return false;
        }
        try
        {
            _session.Execute(RollbackToSavepoint);
            _session.Execute(ReleaseSavepoint);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>Rolls back the transaction and fails every item in [start, end) that had been applied.</summary>
    private void Abort(List<WriteItem> batch, int start, int end, Exception cause)
    {
        Log.WriteBatchFailed(_logger, end - start, cause);
        if (!_session.IsAutocommit)
        {
            try
            {
                _session.Execute(Rollback);
            }
            catch (Exception ex)
            {
                Log.RollbackFailed(_logger, ex);
            }
        }
        for (var i = start; i < end; i++)
        {
            if (batch[i].Applied && !batch[i].IsSettled)
            {
                batch[i].Fail(new IOException($"The metadata write was not committed: {cause.Message}", cause));
            }
        }
    }
}
