using Cairn.Storage.Sqlite.Internal;

namespace Cairn.Storage.Sqlite;

public sealed partial class SqliteMetadataStore
{
    // One statement decides and writes: insert, or take over an expired lease, or renew one's own.
    private const string AcquireLease =
        "INSERT INTO leases (name, holder, expires_at) VALUES ($name, $holder, $expires) " +
        "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at " +
        "WHERE leases.expires_at <= $now OR leases.holder = excluded.holder";

    public Task<bool> TryAcquireLeaseAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        WriteAsync(s => s.Command(AcquireLease)
            .With("$name", name)
            .With("$holder", holder)
            .With("$now", now.ToUnixTimeMilliseconds())
            .With("$expires", (now + duration).ToUnixTimeMilliseconds())
            .ExecuteNonQuery() == 1, cancellationToken);
}
