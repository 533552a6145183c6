using System.Collections.Concurrent;

namespace Cairn.Storage.Sqlite.Internal;

/// <summary>
/// At most <c>maxReaders</c> read sessions, opened on first need and kept open, so that their connection settings,
/// prepared statements and maps are reused. WAL lets them all read while the writer commits. A read that finds every
/// session busy waits for one instead of opening another: reads are short and CPU-bound, and a connection opened and
/// closed per read under load costs more than the wait (and a map per connection adds to the resident size).
/// </summary>
internal sealed class ReaderPool : IDisposable
{
    private readonly ConcurrentStack<SqliteSession> _idle = new();
    private readonly SemaphoreSlim _slots;
    private readonly string _connectionString;
    private readonly TimeSpan _busyTimeout;
    private readonly long _memoryMapBytes;
    private volatile bool _disposed;
    private int _open;

    public ReaderPool(string connectionString, TimeSpan busyTimeout, long memoryMapBytes, int maxReaders)
    {
        _connectionString = connectionString;
        _busyTimeout = busyTimeout;
        _memoryMapBytes = memoryMapBytes;
        _slots = new SemaphoreSlim(maxReaders, maxReaders);
    }

    /// <summary>Sessions open now, rented or idle; never more than <c>maxReaders</c>.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>A session at once if one is free (the common case, no allocation); otherwise null.</summary>
    public SqliteSession? TryRent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _slots.Wait(0) ? TakeOrOpen() : null;
    }

    /// <summary>Waits for a free session.</summary>
    public async Task<SqliteSession> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_disposed)
        {
            // The store closed while this read waited: do not open a connection for it.
            _slots.Release();
            throw new ObjectDisposedException(nameof(ReaderPool));
        }
        return TakeOrOpen();
    }

    /// <summary>Takes a session back. A session whose read failed midway is closed rather than reused.</summary>
    public void Return(SqliteSession session, bool reusable)
    {
        if (!reusable || _disposed || !session.IsAutocommit)
        {
            Close(session);
        }
        else
        {
            _idle.Push(session);
            if (_disposed && _idle.TryPop(out var late))
            {
                Close(late);
            }
        }
        _slots.Release();
    }

    /// <summary>Closes idle sessions; sessions still rented are closed when returned.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryPop(out var session))
        {
            Close(session);
        }
    }

    private void Close(SqliteSession session)
    {
        session.Dispose();
        Interlocked.Decrement(ref _open);
    }

    private SqliteSession TakeOrOpen()
    {
        if (_idle.TryPop(out var session))
        {
            return session;
        }
        try
        {
            var opened = SqliteSession.Open(_connectionString, _busyTimeout, _memoryMapBytes);
            Interlocked.Increment(ref _open);
            return opened;
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }
}
