using Cairn.Storage.Postgres.Internal;

namespace Cairn.Storage.Postgres;

public sealed partial class PostgresMetadataStore
{
    // One statement decides and writes: insert, or take over an expired lease, or renew one's own. At READ COMMITTED a
    // conflicting insert waits for the other node's commit and then evaluates the WHERE on its row.
    private const string AcquireLease =
        "INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expires) " +
        "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at " +
        "WHERE leases.expires_at <= @now OR leases.holder = excluded.holder";

    public Task<bool> TryAcquireLeaseAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        WriteAsync(async (s, ct) => await s.Command(AcquireLease)
            .With("name", name)
            .With("holder", holder)
            .With("now", now.ToUnixTimeMilliseconds())
            .With("expires", (now + duration).ToUnixTimeMilliseconds())
            .ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken, transaction: false);
}
