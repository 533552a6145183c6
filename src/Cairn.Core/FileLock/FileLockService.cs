using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Keys;
using Cairn.Core.Storage;

namespace Cairn.Core.FileLock;

/// <summary>b2_update_file_retention and b2_update_file_legal_hold.</summary>
public sealed class FileLockService
{
    private readonly IMetadataStore _store;
    private readonly BucketService _buckets;
    private readonly TimeProvider _time;

    public FileLockService(IMetadataStore store, BucketService buckets, TimeProvider time)
    {
        _store = store;
        _buckets = buckets;
        _time = time;
    }

    public async Task<FileVersion> UpdateRetentionAsync(Principal principal, string fileId, string fileName, FileRetention? retention, bool bypassGovernance, CancellationToken cancellationToken)
    {
        var version = await LockableVersionAsync(principal, Capabilities.WriteFileRetentions, fileId, fileName, cancellationToken);
        ObjectLock.CheckRetentionChange(principal, version.Retention, retention, bypassGovernance, _time.GetUtcNow().ToUnixTimeMilliseconds());
        await UpdateAsync(fileId, retention, version.LegalHold, cancellationToken);
        return version with { Retention = retention };
    }

    public async Task<FileVersion> UpdateLegalHoldAsync(Principal principal, string fileId, string fileName, string legalHold, CancellationToken cancellationToken)
    {
        ObjectLock.ValidateLegalHold(legalHold);
        var version = await LockableVersionAsync(principal, Capabilities.WriteFileLegalHolds, fileId, fileName, cancellationToken);
        await UpdateAsync(fileId, version.Retention, legalHold, cancellationToken);
        return version with { LegalHold = legalHold };
    }

    /// <summary>
    /// A version's retention read on its own (S3's GetObjectRetention): readFileRetentions for its name, in a lock-enabled
    /// bucket. The version returned carries it (null when it has none).
    /// </summary>
    public Task<FileVersion> GetRetentionAsync(Principal principal, string fileId, string fileName, CancellationToken cancellationToken) =>
        LockableVersionAsync(principal, Capabilities.ReadFileRetentions, fileId, fileName, cancellationToken);

    /// <summary>A version's legal hold read on its own (S3's GetObjectLegalHold): readFileLegalHolds, in a lock-enabled bucket.</summary>
    public Task<FileVersion> GetLegalHoldAsync(Principal principal, string fileId, string fileName, CancellationToken cancellationToken) =>
        LockableVersionAsync(principal, Capabilities.ReadFileLegalHolds, fileId, fileName, cancellationToken);

    private async Task<FileVersion> LockableVersionAsync(Principal principal, string capability, string fileId, string fileName, CancellationToken cancellationToken)
    {
        var bucketId = FileService.BucketIdOf(fileId);
        principal.RequireName(capability, bucketId, fileName);
        var bucket = await _buckets.GetOwnedAsync(principal, bucketId, cancellationToken);
        var version = await _store.GetFileVersionAsync(fileId, cancellationToken);
        if (version is null || version.AccountId != principal.AccountId || version.Action == FileAction.Hide)
        {
            throw Fail.FileNotPresent($"File not present: {fileName} {fileId}");
        }
        if (version.FileName != fileName)
        {
            throw Fail.BadRequest($"fileName {fileName} does not match the file id's name");
        }
        if (!bucket.FileLockEnabled)
        {
            throw ObjectLock.NotLockEnabled();
        }
        return version;
    }

    private async Task UpdateAsync(string fileId, FileRetention? retention, string? legalHold, CancellationToken cancellationToken)
    {
        if (!await _store.UpdateFileLockAsync(fileId, retention, legalHold, cancellationToken))
        {
            throw Fail.FileNotPresent($"File not present: {fileId}");
        }
    }
}
