using Cairn.Core.Errors;
using Cairn.Core.Keys;
using Cairn.Core.Storage;
using Cairn.Storage.Postgres.Internal;
using Cairn.Storage.Postgres.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cairn.Storage.Postgres;

/// <summary>
/// The metadata store for many nodes: PostgreSQL through one <see cref="NpgsqlDataSource"/> (a multi-host one when
/// the connection string names several hosts). Each operation rents a pooled connection. Where SQLite relied on its
/// single writer, every invariant here is held inside one PostgreSQL transaction at READ COMMITTED, by row locks taken
/// in one order (bucket, then file version, then current version): a bucket is locked FOR KEY SHARE by whatever
/// adds to it and FOR UPDATE by its deletion; a file version FOR UPDATE by whatever changes or removes it. Most
/// writes are a single statement, so one round trip. A transaction PostgreSQL aborts for a deadlock or a
/// serialization failure runs again (<see cref="PostgresMetadataOptions.MaxAttempts"/>).
/// </summary>
public sealed partial class PostgresMetadataStore : IMetadataStore
{
    private const string SelectSetting = "SELECT value FROM settings WHERE name = @name";
    private const string InsertSetting = "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING";
    private const string SelectAccount = "SELECT account_id, created_at FROM account WHERE id = 1";
    private const string InsertAccount =
        "INSERT INTO account (id, account_id, created_at) VALUES (1, @account_id, @created_at) ON CONFLICT (id) DO NOTHING";

    private readonly PostgresMetadataOptions _options;
    private readonly ILogger _logger;
    private readonly NpgsqlDataSource _dataSource;
    private int _initialized;
    private int _disposed;

    public PostgresMetadataStore(PostgresMetadataOptions options, ILogger<PostgresMetadataStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        // Each statement is prepared once per connection: the store's SQL is a fixed set of constants.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 128;
        }
        _dataSource = builder.Build();
    }

    /// <summary>Migrates the schema (one node at a time, under an advisory lock).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Volatile.Read(ref _initialized) != 0)
        {
            throw new InvalidOperationException("The metadata store is already initialized.");
        }
        var version = await SchemaMigrator.MigrateAsync(_dataSource, _logger, cancellationToken).ConfigureAwait(false);
        var settings = new NpgsqlConnectionStringBuilder(_options.ConnectionString);
        Log.Opened(_logger, settings.Database, settings.Host, version);
        Volatile.Write(ref _initialized, 1);
    }

    /// <summary>Closes the pool's connections; operations still running finish on theirs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    // ---- settings and account ---------------------------------------------------------------------------

    public async Task<string> GetOrAddSettingAsync(string name, string value, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync((s, ct) => ReadSettingAsync(s, name, ct), cancellationToken).ConfigureAwait(false);
        return stored ?? await WriteAsync(async (s, ct) =>
        {
            // A concurrent insert of the same name makes this one wait for it and do nothing; the next statement sees it.
            await s.Command(InsertSetting).With("name", name).With("value", value).ExecuteAsync(ct).ConfigureAwait(false);
            return (await ReadSettingAsync(s, name, ct).ConfigureAwait(false))!;
        }, cancellationToken, transaction: false).ConfigureAwait(false);
    }

    public Task<Account?> GetAccountAsync(CancellationToken cancellationToken) =>
        ReadAsync(ReadAccountAsync, cancellationToken);

    public async Task<Account> GetOrAddAccountAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var stored = await ReadAsync(ReadAccountAsync, cancellationToken).ConfigureAwait(false);
        return stored ?? await WriteAsync(async (s, ct) =>
        {
            await s.Command(InsertAccount).With("account_id", account.AccountId).With("created_at", account.CreatedAt).ExecuteAsync(ct).ConfigureAwait(false);
            return (await ReadAccountAsync(s, ct).ConfigureAwait(false))!;
        }, cancellationToken, transaction: false).ConfigureAwait(false);
    }

    private static async Task<string?> ReadSettingAsync(PostgresSession session, string name, CancellationToken cancellationToken) =>
        (string?)await session.Command(SelectSetting).With("name", name).ScalarAsync(cancellationToken).ConfigureAwait(false);

    private static Task<Account?> ReadAccountAsync(PostgresSession session, CancellationToken cancellationToken) =>
        session.Command(SelectAccount).ReadFirstOrDefaultAsync(r => new Account(r.GetString(0), r.GetInt64(1)), cancellationToken);

    // ---- plumbing -----------------------------------------------------------------------------------------

    /// <summary>
    /// Runs <paramref name="query"/> on a pooled connection. With <paramref name="snapshot"/>, its statements share one
    /// read-only REPEATABLE READ transaction, so a query in several steps sees one committed state.
    /// </summary>
    private async Task<T> ReadAsync<T>(Func<PostgresSession, CancellationToken, Task<T>> query, CancellationToken cancellationToken, bool snapshot = false)
    {
        EnsureRunning();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (!snapshot)
            {
                return await query(new PostgresSession(connection, null), cancellationToken).ConfigureAwait(false);
            }
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await query(new PostgresSession(connection, transaction), cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled connection, inside a READ COMMITTED transaction unless
    /// <paramref name="transaction"/> is false (a single statement, which is its own transaction, or statements each
    /// safe alone). Returns after the commit. A deadlock or serialization failure runs the whole work again; a full disk
    /// on the database server becomes Core's retryable storage-full refusal.
    /// </summary>
    /// <remarks>
    /// <paramref name="cancellationToken"/> counts until a connection is open; the statements themselves are not canceled,
    /// because a statement canceled in flight may still have committed, and a caller must never take a committed change for
    /// one that did not happen (as with SQLite's writer, which commits whatever it has started).
    /// </remarks>
    private async Task<T> WriteAsync<T>(Func<PostgresSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken, bool transaction = true)
    {
        EnsureRunning();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(work, transaction, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (PostgresErrors.IsTransient(ex) && attempt < _options.MaxAttempts)
            {
                Log.Retrying(_logger, (ex as PostgresException)?.SqlState, attempt + 1);
            }
            catch (Exception ex) when (PostgresErrors.IsDiskFull(ex))
            {
                throw Fail.StorageFull(ex);
            }
        }
    }

    private async Task<T> WriteOnceAsync<T>(Func<PostgresSession, CancellationToken, Task<T>> work, bool transaction, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (!transaction)
            {
                return await work(new PostgresSession(connection, null), CancellationToken.None).ConfigureAwait(false);
            }
            var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, CancellationToken.None).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var result = await work(new PostgresSession(connection, tx), CancellationToken.None).ConfigureAwait(false);
                await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return result;
            }
        }
    }

    private void EnsureRunning()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Volatile.Read(ref _initialized) == 0)
        {
            throw new InvalidOperationException("Call InitializeAsync before using the metadata store.");
        }
    }
}
