using Cairn.Core.Files;

namespace Cairn.Storage.Memory;

public sealed partial class MemoryMetadataStore
{
    public Task<bool> UpdateFileLockAsync(string fileId, FileRetention? retention, string? legalHold, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (!_versions.TryGetValue(fileId, out var entry))
            {
                return false;
            }
            entry.Version = entry.Version with { Retention = retention, LegalHold = legalHold };
            return true;
        });
}
