using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Cairn.Storage.Sqlite.Internal;

/// <summary>
/// One open connection and the commands prepared on it, reused by SQL text, so that each statement is
/// prepared once per connection. The writer keeps one session for the store's lifetime; readers rent
/// sessions from <see cref="ReaderPool"/>.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    private SqliteSession(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>Opens a connection and sets SQLite's own busy handler, so lock waits do not poll.</summary>
    /// <param name="connectionString">The connection to open.</param>
    /// <param name="busyTimeout">How long a lock wait may take.</param>
    /// <param name="memoryMapBytes">SQLite's mmap_size for this connection (see SqliteMetadataOptions.MemoryMapBytes).</param>
    public static SqliteSession Open(string connectionString, TimeSpan busyTimeout, long memoryMapBytes)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            raw.sqlite3_busy_timeout(connection.Handle, (int)busyTimeout.TotalMilliseconds);
            var session = new SqliteSession(connection);
            // A number we validated, not user text: PRAGMA takes no parameters.
            session.Execute("PRAGMA mmap_size = " + memoryMapBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return session;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The command for <paramref name="sql"/> with no parameters bound. SQL text is always a constant:
    /// values travel only as parameters. Do not nest two uses of the same text.
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }
        command = Connection.CreateCommand();
        command.CommandText = sql;
        _commands.Add(sql, command);
        return command;
    }

    public int Execute(string sql) => Command(sql).ExecuteNonQuery();

    /// <summary>True when no transaction is open, for instance because SQLite rolled one back after an I/O error.</summary>
    public bool IsAutocommit => raw.sqlite3_get_autocommit(Connection.Handle) != 0;

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
        Connection.Dispose();
    }
}
