using Cairn.Core.Files;
using Cairn.Storage.Postgres.Internal;

namespace Cairn.Storage.Postgres;

public sealed partial class PostgresMetadataStore
{
    private const string UpdateLock =
        "UPDATE file_versions SET retention_mode = @retention_mode, retain_until = @retain_until, legal_hold = @legal_hold " +
        "WHERE file_id = @file_id";

    public Task<bool> UpdateFileLockAsync(string fileId, FileRetention? retention, string? legalHold, CancellationToken cancellationToken) =>
        WriteAsync(async (s, ct) => await s.Command(UpdateLock)
            .With("file_id", fileId)
            .With("retention_mode", retention?.Mode)
            .With("retain_until", retention?.RetainUntilTimestamp)
            .With("legal_hold", legalHold)
            .ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken, transaction: false);
}
