using System.Globalization;
using Cairn.Core.Keys;
using Cairn.Core.Storage;
using Cairn.Storage.Sqlite.Internal;
using Cairn.Storage.Sqlite.Options;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// The embedded metadata store: one SQLite database in WAL mode. Reads run on pooled connections and see the
/// last committed state; every write goes through one writer connection whose loop commits concurrent writes
/// together (group commit, see <see cref="GroupCommitWriter"/>). Each write method returns after its commit.
/// </summary>
public sealed partial class SqliteMetadataStore : IMetadataStore
{
    private const string SelectSetting = "SELECT value FROM settings WHERE name = $name";
    private const string InsertSetting = "INSERT INTO settings (name, value) VALUES ($name, $value) ON CONFLICT (name) DO NOTHING";
    private const string SelectAccount = "SELECT account_id, created_at FROM account WHERE id = 1";
    private const string InsertAccount =
        "INSERT INTO account (id, account_id, created_at) VALUES (1, $account_id, $created_at) ON CONFLICT (id) DO NOTHING";

    private readonly SqliteMetadataOptions _options;
    private readonly ILogger _logger;
    private readonly string _path;
    private readonly string _writeConnectionString;
    private readonly ReaderPool _readers;
    private SqliteSession? _writeSession;
    private GroupCommitWriter? _writer;
    private int _disposed;

    public SqliteMetadataStore(SqliteMetadataOptions options, ILogger<SqliteMetadataStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _path = Path.GetFullPath(options.DatabasePath);
        var timeoutSeconds = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            ForeignKeys = true,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
        var readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWrite,
            Cache = SqliteCacheMode.Private,
            Pooling = false, // ReaderPool keeps them, with their prepared statements
            DefaultTimeout = timeoutSeconds,
        }.ToString();
        _readers = new ReaderPool(readConnectionString, options.BusyTimeout, options.MemoryMapBytes, options.MaxReaders);
    }

    /// <summary>Opens the database (creating it and its directory when missing), migrates it and starts the writer.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_writer is not null)
        {
            throw new InvalidOperationException("The metadata store is already initialized.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        // The writer reads little and through its own page cache; mapping the file again would only add resident pages.
        var session = SqliteSession.Open(_writeConnectionString, _options.BusyTimeout, memoryMapBytes: 0);
        try
        {
            var mode = Convert.ToString(session.Command("PRAGMA journal_mode = WAL").Scalar(), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for {_path} (journal mode is {mode}).");
            }
            session.Execute(SynchronousPragma(_options.Synchronous));
            var version = SchemaMigrator.Migrate(session, _logger);
            Log.Opened(_logger, _path, version);
        }
        catch
        {
            session.Dispose();
            throw;
        }
        _writeSession = session;
        _writer = new GroupCommitWriter(session, _options.MaxWriteBatchSize, _logger);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting writes, commits every write already queued, then closes all connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        _readers.Dispose();
        if (_writeSession is not null)
        {
            try
            {
                // Cheap when nothing changed; keeps the planner's statistics useful across restarts.
                _writeSession.Execute("PRAGMA optimize");
            }
            finally
            {
                // The last connection to close checkpoints the WAL into the database file.
                _writeSession.Dispose();
            }
            Log.Closed(_logger, _path);
        }
    }

    // ---- settings and account ---------------------------------------------------------------------------

    public async Task<string> GetOrAddSettingAsync(string name, string value, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(s => ReadSetting(s, name), cancellationToken).ConfigureAwait(false);
        return stored ?? await WriteAsync(s =>
        {
            s.Command(InsertSetting).With("$name", name).With("$value", value).ExecuteNonQuery();
            return ReadSetting(s, name)!;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<Account?> GetAccountAsync(CancellationToken cancellationToken) =>
        ReadAsync(ReadAccount, cancellationToken);

    public async Task<Account> GetOrAddAccountAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var stored = await ReadAsync(ReadAccount, cancellationToken).ConfigureAwait(false);
        return stored ?? await WriteAsync(s =>
        {
            s.Command(InsertAccount).With("$account_id", account.AccountId).With("$created_at", account.CreatedAt).ExecuteNonQuery();
            return ReadAccount(s)!;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string? ReadSetting(SqliteSession session, string name) =>
        (string?)session.Command(SelectSetting).With("$name", name).Scalar();

    private static Account? ReadAccount(SqliteSession session) =>
        session.Command(SelectAccount).ReadFirstOrDefault(r => new Account(r.GetString(0), r.GetInt64(1)));

    // ---- plumbing -----------------------------------------------------------------------------------------

    /// <summary>
    /// Runs <paramref name="query"/> on a pooled read session, synchronously: SQLite has no asynchronous I/O.
    /// With <paramref name="snapshot"/>, its statements share one read transaction, so a query in several steps
    /// sees one committed state.
    /// </summary>
    private Task<T> ReadAsync<T>(Func<SqliteSession, T> query, CancellationToken cancellationToken, bool snapshot = false)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        try
        {
            EnsureRunning();
            return _readers.TryRent() is { } session ? Task.FromResult(Run(session, query, snapshot)) : ReadWhenFreeAsync(query, snapshot, cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    /// <summary>Every read session is busy: wait for one, then read as usual.</summary>
    private async Task<T> ReadWhenFreeAsync<T>(Func<SqliteSession, T> query, bool snapshot, CancellationToken cancellationToken)
    {
        var session = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        return Run(session, query, snapshot);
    }

    /// <summary>Runs <paramref name="query"/> on a rented session and gives the session back.</summary>
    private T Run<T>(SqliteSession session, Func<SqliteSession, T> query, bool snapshot)
    {
        var reusable = false;
        try
        {
            T result;
            if (snapshot)
            {
                session.Execute("BEGIN");
                try
                {
                    result = query(session);
                }
                finally
                {
                    session.Execute("ROLLBACK");
                }
            }
            else
            {
                result = query(session);
            }
            reusable = true;
            return result;
        }
        finally
        {
            _readers.Return(session, reusable);
        }
    }

    private Task<T> WriteAsync<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        try
        {
            EnsureRunning();
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
        return _writer!.WriteAsync(work, cancellationToken);
    }

    /// <summary>Read connections open now, for tests of the reader bound.</summary>
    internal int OpenReadSessions => _readers.Open;

    /// <summary>Write transactions committed since <see cref="InitializeAsync"/>, for tests of group commit.</summary>
    internal long CommittedWriteTransactions => _writer?.Commits ?? 0;

    private void EnsureRunning()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_writer is null)
        {
            throw new InvalidOperationException("Call InitializeAsync before using the metadata store.");
        }
    }

    private static string SynchronousPragma(SqliteSynchronousMode mode) => mode switch
    {
        SqliteSynchronousMode.Off => "PRAGMA synchronous = OFF",
        SqliteSynchronousMode.Normal => "PRAGMA synchronous = NORMAL",
        SqliteSynchronousMode.Full => "PRAGMA synchronous = FULL",
        SqliteSynchronousMode.Extra => "PRAGMA synchronous = EXTRA",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown synchronous mode."),
    };
}
