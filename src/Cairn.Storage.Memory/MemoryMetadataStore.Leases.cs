namespace Cairn.Storage.Memory;

public sealed partial class MemoryMetadataStore
{
    private readonly Dictionary<string, (string Holder, DateTimeOffset ExpiresAt)> _leases = new(StringComparer.Ordinal);

    public Task<bool> TryAcquireLeaseAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (_leases.TryGetValue(name, out var lease) && lease.ExpiresAt > now && lease.Holder != holder)
            {
                return false;
            }
            _leases[name] = (holder, now + duration);
            return true;
        });
}
