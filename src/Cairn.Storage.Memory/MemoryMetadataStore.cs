using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Keys;
using Cairn.Core.Storage;

namespace Cairn.Storage.Memory;

/// <summary>
/// The metadata port in process memory, for hermetic mode and for the object service's unit tests. Every method
/// takes one lock and works on plain collections, so each call is atomic and sees every earlier call's effect.
/// Nothing survives the process.
/// </summary>
/// <remarks>
/// Versions carry a store-wide sequence number assigned on insert: within a name, a larger number is newer. Each
/// bucket keeps its names in <see cref="Core.Files.FileNameOrder"/> twice over, all of them and only the visible
/// ones, so that a listing page starts with a tree search and never walks the whole bucket. Blobs are reference
/// counted across version segments and parts to tell which ones a delete or replacement frees.
/// </remarks>
public sealed partial class MemoryMetadataStore : IMetadataStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ApplicationKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BucketState> _bucketsByName = new(AsciiCaseInsensitiveComparer.Instance);
    private Account? _account;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => default;

    // ---- settings -------------------------------------------------------------------------------------

    public Task<string> GetOrAddSettingAsync(string name, string value, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _settings.TryAdd(name, value) ? value : _settings[name]);

    // ---- account and keys ------------------------------------------------------------------------------

    public Task<Account?> GetAccountAsync(CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _account);

    public Task<Account> GetOrAddAccountAsync(Account account, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _account ??= account);

    public Task UpsertKeyAsync(ApplicationKey key, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _keys[key.ApplicationKeyId] = key);

    public Task<ApplicationKey?> GetKeyAsync(string applicationKeyId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _keys.GetValueOrDefault(applicationKeyId));

    public Task<ApplicationKey?> GetMasterKeyAsync(string accountId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _keys.Values.FirstOrDefault(k => k.IsMaster && k.AccountId == accountId));

    public Task<IReadOnlyList<ApplicationKey>> ListKeysAsync(string accountId, string? startApplicationKeyId, int limit, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<ApplicationKey>>(cancellationToken, () =>
        {
            var keys = new List<ApplicationKey>();
            foreach (var key in _keys.Values)
            {
                if (keys.Count >= limit)
                {
                    break;
                }
                if (!key.IsMaster && key.AccountId == accountId
                    && (startApplicationKeyId is null || string.CompareOrdinal(key.ApplicationKeyId, startApplicationKeyId) >= 0))
                {
                    keys.Add(key);
                }
            }
            return keys;
        });

    public Task<ApplicationKey?> DeleteKeyAsync(string applicationKeyId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _keys.Remove(applicationKeyId, out var key) ? key : null);

    // ---- buckets --------------------------------------------------------------------------------------

    public Task InsertBucketAsync(Bucket bucket, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (_bucketsByName.ContainsKey(bucket.BucketName))
            {
                throw DuplicateBucketName();
            }
            if (_buckets.ContainsKey(bucket.BucketId))
            {
                throw new InvalidOperationException($"Bucket id {bucket.BucketId} is already stored.");
            }
            var state = new BucketState(bucket);
            _buckets.Add(bucket.BucketId, state);
            _bucketsByName.Add(bucket.BucketName, state);
            return true;
        });

    public Task<Bucket?> GetBucketAsync(string bucketId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _buckets.GetValueOrDefault(bucketId)?.Bucket);

    public Task<Bucket?> GetBucketByNameAsync(string bucketName, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _bucketsByName.GetValueOrDefault(bucketName)?.Bucket);

    public Task<IReadOnlyList<Bucket>> ListBucketsAsync(string accountId, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<Bucket>>(cancellationToken, () =>
            [.. _buckets.Values.Select(b => b.Bucket).Where(b => b.AccountId == accountId).OrderBy(b => b.BucketName, StringComparer.Ordinal)]);

    public Task<bool> UpdateBucketAsync(Bucket bucket, long expectedRevision, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (!_buckets.TryGetValue(bucket.BucketId, out var state) || state.Bucket.Revision != expectedRevision)
            {
                return false;
            }
            var oldName = state.Bucket.BucketName;
            if (!string.Equals(oldName, bucket.BucketName, StringComparison.Ordinal))
            {
                if (_bucketsByName.TryGetValue(bucket.BucketName, out var other) && other != state)
                {
                    throw DuplicateBucketName();
                }
                _bucketsByName.Remove(oldName);
                _bucketsByName.Add(bucket.BucketName, state);
            }
            state.Bucket = bucket;
            return true;
        });

    public Task<BucketDeleteResult> DeleteBucketAsync(string bucketId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (!_buckets.TryGetValue(bucketId, out var state))
            {
                return BucketDeleteResult.NotFound;
            }
            // Parts belong to unfinished large files, which are versions: no names means no parts either.
            if (state.Names.Count > 0)
            {
                return BucketDeleteResult.NotEmpty;
            }
            _buckets.Remove(bucketId);
            _bucketsByName.Remove(state.Bucket.BucketName);
            _notificationRules.Remove(bucketId);
            return BucketDeleteResult.Deleted;
        });

    private static CairnException DuplicateBucketName() => new(CairnError.DuplicateBucketName, "Bucket name is already in use.");

    /// <summary>Runs <paramref name="action"/> under the lock and reports its outcome, exceptions included, as a task.</summary>
    private Task<T> Locked<T>(CancellationToken cancellationToken, Func<T> action)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        try
        {
            lock (_lock)
            {
                return Task.FromResult(action());
            }
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }
}
