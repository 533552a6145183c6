using System.Collections.Concurrent;

namespace Cairn.Storage.Sqlite.Internal;

/// <summary>
/// Read sessions, kept open between reads so that their connection settings and prepared statements are
/// reused. WAL lets any number of them read while the writer commits. There is no cap on sessions in use;
/// at most <c>maxIdle</c> are kept when idle.
/// </summary>
internal sealed class ReaderPool : IDisposable
{

    private readonly ConcurrentBag<SqliteSession> _idle = [];
    private readonly string _connectionString;
    private readonly TimeSpan _busyTimeout;
    private readonly long _memoryMapBytes;
    private readonly int _maxIdle;
    private volatile bool _disposed;

    public ReaderPool(string connectionString, TimeSpan busyTimeout, long memoryMapBytes, int maxIdle)
    {
        _connectionString = connectionString;
        _busyTimeout = busyTimeout;
        _memoryMapBytes = memoryMapBytes;
        _maxIdle = maxIdle;
    }

    public SqliteSession Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _idle.TryTake(out var session) ? session : SqliteSession.Open(_connectionString, _busyTimeout, _memoryMapBytes);
    }

    /// <summary>Takes a session back. A session whose read failed midway is closed rather than reused.</summary>
    public void Return(SqliteSession session, bool reusable)
    {
        if (!reusable || _disposed || _idle.Count >= _maxIdle || !session.IsAutocommit)
        {
            session.Dispose();
            return;
        }
        _idle.Add(session);
        if (_disposed && _idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    /// <summary>Closes idle sessions; sessions still rented are closed when returned.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }
}
