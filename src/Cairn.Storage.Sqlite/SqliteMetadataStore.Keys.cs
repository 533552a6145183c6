using Cairn.Core.Keys;
using Cairn.Storage.Sqlite.Internal;
using Cairn.Storage.Sqlite.Mapping;

namespace Cairn.Storage.Sqlite;

public sealed partial class SqliteMetadataStore
{
    private const string UpsertKey =
        "INSERT INTO application_keys (" + KeyRows.Columns + ") VALUES (" + KeyRows.Parameters + ") " +
        "ON CONFLICT (key_id) DO UPDATE SET account_id = excluded.account_id, key_name = excluded.key_name, " +
        "capabilities = excluded.capabilities, bucket_ids = excluded.bucket_ids, name_prefix = excluded.name_prefix, " +
        "expiration_timestamp = excluded.expiration_timestamp, secret_hash = excluded.secret_hash, " +
        "is_master = excluded.is_master, created_at = excluded.created_at";

    private const string SelectKey = "SELECT " + KeyRows.Columns + " FROM application_keys WHERE key_id = $key_id";

    private const string SelectMasterKey =
        "SELECT " + KeyRows.Columns + " FROM application_keys WHERE account_id = $account_id AND is_master = 1 ORDER BY key_id LIMIT 1";

    private const string SelectKeys =
        "SELECT " + KeyRows.Columns + " FROM application_keys " +
        "WHERE account_id = $account_id AND is_master = 0 AND key_id >= $start ORDER BY key_id LIMIT $limit";

    private const string DeleteKey = "DELETE FROM application_keys WHERE key_id = $key_id RETURNING " + KeyRows.Columns;

    public Task UpsertKeyAsync(ApplicationKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync(s => KeyRows.Bind(s.Command(UpsertKey), key).ExecuteNonQuery(), cancellationToken);
    }

    public Task<ApplicationKey?> GetKeyAsync(string applicationKeyId, CancellationToken cancellationToken) =>
        ReadAsync(s => s.Command(SelectKey).With("$key_id", applicationKeyId).ReadFirstOrDefault(KeyRows.Read), cancellationToken);

    public Task<ApplicationKey?> GetMasterKeyAsync(string accountId, CancellationToken cancellationToken) =>
        ReadAsync(s => s.Command(SelectMasterKey).With("$account_id", accountId).ReadFirstOrDefault(KeyRows.Read), cancellationToken);

    /// <remarks>Key ids are ASCII, so SQLite's byte order is the port's ordinal order.</remarks>
    public async Task<IReadOnlyList<ApplicationKey>> ListKeysAsync(string accountId, string? startApplicationKeyId, int limit, CancellationToken cancellationToken) =>
        await ReadAsync(s => s.Command(SelectKeys)
            .With("$account_id", accountId)
            .With("$start", startApplicationKeyId ?? "")
            .With("$limit", Math.Max(limit, 0))
            .ReadAll(KeyRows.Read), cancellationToken).ConfigureAwait(false);

    public Task<ApplicationKey?> DeleteKeyAsync(string applicationKeyId, CancellationToken cancellationToken) =>
        WriteAsync(s => s.Command(DeleteKey).With("$key_id", applicationKeyId).ReadFirstOrDefault(KeyRows.Read), cancellationToken);
}
