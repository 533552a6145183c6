namespace Cairn.Storage.Sqlite.Internal;

/// <summary>
/// One caller's write waiting for the writer loop. The loop runs it inside the batch transaction, and only
/// after the commit (or its failure) publishes the outcome, so a caller never observes an uncommitted result.
/// </summary>
internal abstract class WriteItem
{
    private const int SqliteFull = 13;

    private Exception? _error;
    private bool _canceled;
    private bool _committed;

    protected WriteItem(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    public CancellationToken CancellationToken { get; }

    /// <summary>Whether <see cref="Run"/> succeeded, so the item's effect rides on the batch's commit.</summary>
    public bool Applied { get; private set; }

    /// <summary>Runs the write on the writer's session. Exceptions propagate to the loop, which rolls back this item only.</summary>
    public void Run(SqliteSession session)
    {
        RunCore(session);
        Applied = true;
    }

    public void Cancel() => _canceled = true;

    /// <summary>The transaction that ran this item committed.</summary>
    public void MarkCommitted() => _committed = Applied;

    /// <summary>Whether the item already has an outcome to publish (committed, failed or canceled).</summary>
    public bool IsSettled => _committed || _error is not null || _canceled;

    /// <summary>Records why this item failed; the error is published by <see cref="Publish"/>.</summary>
    /// <remarks>A full disk (SQLite's SQLITE_FULL, or ENOSPC underneath) becomes Core's retryable storage-full refusal.</remarks>
    public void Fail(Exception error)
    {
        Applied = false;
        _error = IsDiskFull(error) ? Cairn.Core.Errors.Fail.StorageFull(error) : error;
    }

    private static bool IsDiskFull(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: SqliteFull })
            {
                return true;
            }
        }
        return Cairn.Core.Storage.DiskFull.Caused(error);
    }

    /// <summary>Completes the caller's task with the result, error or cancellation recorded for this item.</summary>
    public void Publish()
    {
        if (_canceled)
        {
            PublishCanceled(CancellationToken);
        }
        else if (_error is not null)
        {
            PublishError(_error);
        }
        else if (_committed)
        {
            PublishResult();
        }
        else
        {
            // Defensive: a result is only ever reported once its transaction has committed.
            PublishError(new InvalidOperationException("The metadata write was not committed."));
        }
    }

    protected abstract void RunCore(SqliteSession session);

    protected abstract void PublishResult();

    protected abstract void PublishError(Exception error);

    protected abstract void PublishCanceled(CancellationToken cancellationToken);
}

/// <summary>A write that produces a <typeparamref name="T"/>.</summary>
internal sealed class WriteItem<T> : WriteItem
{
    private readonly Func<SqliteSession, T> _work;

    // Continuations must not run on the writer loop, which would then stall every other writer.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public WriteItem(Func<SqliteSession, T> work, CancellationToken cancellationToken)
        : base(cancellationToken) => _work = work;

    public Task<T> Task => _completion.Task;

    protected override void RunCore(SqliteSession session) => _result = _work(session);

    protected override void PublishResult() => _completion.TrySetResult(_result!);

    protected override void PublishError(Exception error) => _completion.TrySetException(error);

    protected override void PublishCanceled(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
}
