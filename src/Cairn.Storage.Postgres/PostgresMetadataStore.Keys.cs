using Cairn.Core.Keys;
using Cairn.Storage.Postgres.Internal;
using Cairn.Storage.Postgres.Mapping;

namespace Cairn.Storage.Postgres;

public sealed partial class PostgresMetadataStore
{
    private const string UpsertKey =
        "INSERT INTO application_keys (" + KeyRows.Columns + ") VALUES (" + KeyRows.Parameters + ") " +
        "ON CONFLICT (key_id) DO UPDATE SET account_id = excluded.account_id, key_name = excluded.key_name, " +
        "capabilities = excluded.capabilities, bucket_ids = excluded.bucket_ids, name_prefix = excluded.name_prefix, " +
        "expiration_timestamp = excluded.expiration_timestamp, secret_hash = excluded.secret_hash, " +
        "is_master = excluded.is_master, created_at = excluded.created_at";

    private const string SelectKey = "SELECT " + KeyRows.Columns + " FROM application_keys WHERE key_id = @key_id";

    private const string SelectMasterKey =
        "SELECT " + KeyRows.Columns + " FROM application_keys WHERE account_id = @account_id AND is_master ORDER BY key_id LIMIT 1";

    private const string SelectKeys =
        "SELECT " + KeyRows.Columns + " FROM application_keys " +
        "WHERE account_id = @account_id AND NOT is_master AND key_id >= @start ORDER BY key_id LIMIT @limit";

    private const string DeleteKey = "DELETE FROM application_keys WHERE key_id = @key_id RETURNING " + KeyRows.Columns;

    public Task UpsertKeyAsync(ApplicationKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync((s, ct) => KeyRows.Bind(s.Command(UpsertKey), key).ExecuteAsync(ct), cancellationToken, transaction: false);
    }

    public Task<ApplicationKey?> GetKeyAsync(string applicationKeyId, CancellationToken cancellationToken) =>
        NameRange.HasNul(applicationKeyId) ? Task.FromResult<ApplicationKey?>(null) : ReadAsync((s, ct) => s.Command(SelectKey).With("key_id", applicationKeyId).ReadFirstOrDefaultAsync(KeyRows.Read, ct), cancellationToken);

    public Task<ApplicationKey?> GetMasterKeyAsync(string accountId, CancellationToken cancellationToken) =>
        ReadAsync((s, ct) => s.Command(SelectMasterKey).With("account_id", accountId).ReadFirstOrDefaultAsync(KeyRows.Read, ct), cancellationToken);

    /// <remarks>key_id is COLLATE "C", so the order is the port's ordinal order.</remarks>
    public async Task<IReadOnlyList<ApplicationKey>> ListKeysAsync(string accountId, string? startApplicationKeyId, int limit, CancellationToken cancellationToken) =>
        await ReadAsync((s, ct) => s.Command(SelectKeys)
            .With("account_id", accountId)
            .With("start", startApplicationKeyId ?? "")
            .With("limit", (long)Math.Max(limit, 0))
            .ReadAllAsync(KeyRows.Read, ct), cancellationToken).ConfigureAwait(false);

    public Task<ApplicationKey?> DeleteKeyAsync(string applicationKeyId, CancellationToken cancellationToken) =>
        NameRange.HasNul(applicationKeyId) ? Task.FromResult<ApplicationKey?>(null) : WriteAsync((s, ct) => s.Command(DeleteKey).With("key_id", applicationKeyId).ReadFirstOrDefaultAsync(KeyRows.Read, ct), cancellationToken, transaction: false);
}
