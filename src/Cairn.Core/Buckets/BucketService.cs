using System.Collections.Concurrent;
using Cairn.Core.Auth;
using Cairn.Core.Encryption;
using Cairn.Core.Errors;
using Cairn.Core.FileLock;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Core.Replication;
using Cairn.Core.Storage;

namespace Cairn.Core.Buckets;

/// <summary>b2_create_bucket, b2_list_buckets, b2_update_bucket, b2_delete_bucket.</summary>
public sealed class BucketService
{
    private readonly IMetadataStore _store;
    private readonly ObjectServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly IReplicationRemotes _remotes;
    private readonly ConcurrentDictionary<string, (Bucket Bucket, long At)> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Bucket Bucket, long At)> _byName = new(StringComparer.Ordinal);
    private long _generation;

    public BucketService(IMetadataStore store, ObjectServiceOptions options, TimeProvider time, IReplicationRemotes? remotes = null)
    {
        _store = store;
        _options = options;
        _time = time;
        _remotes = remotes ?? new NoReplicationRemotes();
    }

    public async Task<Bucket> CreateAsync(Principal principal, string accountId, NewBucket request, CancellationToken cancellationToken)
    {
        principal.Require(Capabilities.WriteBuckets);
        principal.RequireAccount(accountId);
        if (principal.Key.BucketIds is not null)
        {
            throw Fail.Unauthorized("not authorized: an application key restricted to buckets cannot create buckets");
        }
        BucketRules.ValidateName(request.BucketName);
        BucketRules.ValidateType(request.BucketType);
        var info = request.BucketInfo ?? new Dictionary<string, string>();
        BucketRules.ValidateInfo(info);
        var lifecycle = request.LifecycleRules ?? [];
        BucketRules.ValidateLifecycleRules(lifecycle);
        if (request.CorsRulesJson is not null)
        {
            CorsRules.Parse(request.CorsRulesJson);
        }
        if (request.FileLockEnabled)
        {
            principal.Require(Capabilities.WriteBucketRetentions);
        }
        if (request.DefaultRetention is { } retention)
        {
            principal.Require(Capabilities.WriteBucketRetentions);
            if (!request.FileLockEnabled)
            {
                throw ObjectLock.NotLockEnabled();
            }
            ObjectLock.ValidateDefaultRetention(retention);
        }
        string? replication = null;
        if (request.ReplicationConfigurationJson is { } requestedReplication)
        {
            principal.Require(Capabilities.WriteBucketReplications);
            replication = await CheckReplicationAsync(requestedReplication, cancellationToken);
        }
        var defaultEncryption = request.DefaultServerSideEncryption is { } requestedDefault ? DefaultEncryption(principal, requestedDefault) : null;
        var existing = await _store.GetBucketByNameAsync(request.BucketName, cancellationToken);
        if (existing is not null)
        {
            throw new CairnException(CairnError.DuplicateBucketName, "Bucket name is already in use.");
        }
        var count = (await _store.ListBucketsAsync(principal.AccountId, cancellationToken)).Count;
        if (count >= _options.MaxBucketsPerAccount)
        {
            throw new CairnException(CairnError.TooManyBuckets, $"Account already has {count} buckets; the limit is {_options.MaxBucketsPerAccount}");
        }
        var bucket = new Bucket
        {
            AccountId = principal.AccountId,
            BucketId = IdGenerator.NewBucketId(),
            BucketName = request.BucketName,
            BucketType = request.BucketType,
            BucketInfo = info,
            CorsRulesJson = request.CorsRulesJson ?? "[]",
            LifecycleRules = lifecycle,
            FileLockEnabled = request.FileLockEnabled,
            DefaultRetention = request.DefaultRetention,
            ReplicationConfigurationJson = replication,
            DefaultServerSideEncryption = defaultEncryption,
            Revision = 1,
            CreatedAt = _time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        await _store.InsertBucketAsync(bucket, cancellationToken);
        return bucket;
    }

    /// <summary>
    /// Lists buckets. A key restricted to buckets must name one of them, unless it has listAllBucketNames or
    /// <paramref name="filterToScope"/> (B2's v1 compatibility) asks to silently filter instead.
    /// </summary>
    public async Task<IReadOnlyList<Bucket>> ListAsync(Principal principal, string accountId, string? bucketId, string? bucketName, IReadOnlyCollection<string>? bucketTypes, bool filterToScope, CancellationToken cancellationToken)
    {
        // listBuckets is what opens b2_list_buckets; listAllBucketNames only widens what a bucket-restricted key sees
        // (B2 documents it for the S3 ListBuckets call), so on its own it lists nothing.
        principal.Require(Capabilities.ListBuckets);
        principal.RequireAccount(accountId);
        BucketTypes.CheckFilter(bucketTypes);
        IEnumerable<Bucket> buckets;
        if (bucketId is not null)
        {
            var bucket = await _store.GetBucketAsync(bucketId, cancellationToken);
            buckets = bucket is not null && bucket.AccountId == principal.AccountId ? [bucket] : [];
        }
        else if (bucketName is not null)
        {
            var bucket = await _store.GetBucketByNameAsync(bucketName, cancellationToken);
            buckets = bucket is not null && bucket.AccountId == principal.AccountId && bucket.BucketName == bucketName ? [bucket] : [];
        }
        else
        {
            buckets = await _store.ListBucketsAsync(principal.AccountId, cancellationToken);
        }
        if (principal.Key.BucketIds is { } allowed && !principal.Has(Capabilities.ListAllBucketNames))
        {
            // A name that matches no bucket is not one of the key's buckets either: B2 (and both simulators) refuse it.
            var named = bucketId ?? (bucketName is not null ? buckets.FirstOrDefault()?.BucketId ?? "" : null);
            if (!filterToScope && (named is null || !allowed.Contains(named)))
            {
                throw Fail.Unauthorized("not authorized: this application key is restricted to buckets; name one of them with bucketId or bucketName");
            }
            buckets = buckets.Where(b => allowed.Contains(b.BucketId));
        }
        return buckets.Where(b => BucketTypes.Matches(bucketTypes, b.BucketType)).ToList();
    }

    public async Task<Bucket> UpdateAsync(Principal principal, string accountId, string bucketId, BucketChanges changes, CancellationToken cancellationToken)
    {
        principal.RequireBucket(Capabilities.WriteBuckets, bucketId);
        principal.RequireAccount(accountId);
        (bool Sets, string? Json) replication = (false, null);
        if (changes.ReplicationConfigurationJson is { } requestedReplication)
        {
            principal.Require(Capabilities.WriteBucketReplications);
            replication = (true, await CheckReplicationAsync(requestedReplication, cancellationToken));
        }
        // Without ifRevisionIs the caller asked for no check: a concurrent update that wins the optimistic write is
        // not its conflict, so read the bucket again and reapply.
        for (var attempt = 1; ; attempt++)
        {
            var bucket = await GetOwnedFreshAsync(principal, bucketId, cancellationToken);
            var updated = Apply(principal, bucket, changes, replication);
            var written = await _store.UpdateBucketAsync(updated, bucket.Revision, cancellationToken);
            Forget(bucket);
            if (written)
            {
                if (replication.Sets)
                {
                    await BackfillAsync(updated);
                }
                return updated;
            }
            if (changes.IfRevisionIs is not null || attempt == 16)
            {
                throw new CairnException(CairnError.Conflict, "simultaneous updates to bucket");
            }
        }
    }

    private static Bucket Apply(Principal principal, Bucket bucket, BucketChanges changes, (bool Sets, string? Json) requestedReplication)
    {
        if (changes.IfRevisionIs is { } expected && expected != bucket.Revision)
        {
            throw new CairnException(CairnError.Conflict, "simultaneous updates to bucket");
        }
        if (changes.BucketType is not null)
        {
            BucketRules.ValidateType(changes.BucketType);
        }
        if (changes.BucketInfo is not null)
        {
            BucketRules.ValidateInfo(changes.BucketInfo);
        }
        if (changes.LifecycleRules is not null)
        {
            BucketRules.ValidateLifecycleRules(changes.LifecycleRules);
        }
        if (changes.CorsRulesJson is not null)
        {
            CorsRules.Parse(changes.CorsRulesJson);
        }
        if (changes.FileLockEnabled is { } requestedLock)
        {
            principal.Require(Capabilities.WriteBucketRetentions);
            if (!requestedLock && bucket.FileLockEnabled)
            {
                throw new CairnException(CairnError.FileLockConflict, "fileLockEnabled value of false is not allowed when bucket is already file lock enabled.");
            }
        }
        var lockEnabled = changes.FileLockEnabled ?? bucket.FileLockEnabled;
        if (changes.SetsDefaultRetention)
        {
            principal.Require(Capabilities.WriteBucketRetentions);
            if (changes.DefaultRetention is { } retention)
            {
                if (!lockEnabled)
                {
                    throw ObjectLock.NotLockEnabled();
                }
                ObjectLock.ValidateDefaultRetention(retention);
            }
        }
        var replication = requestedReplication.Sets ? requestedReplication.Json : bucket.ReplicationConfigurationJson;
        if (lockEnabled && !bucket.FileLockEnabled && ReplicationConfiguration.IsSourceConfiguration(replication))
        {
            throw ReplicationConflict();
        }
        var updated = bucket with
        {
            BucketType = changes.BucketType ?? bucket.BucketType,
            BucketInfo = changes.BucketInfo ?? bucket.BucketInfo,
            CorsRulesJson = changes.CorsRulesJson ?? bucket.CorsRulesJson,
            LifecycleRules = changes.LifecycleRules ?? bucket.LifecycleRules,
            FileLockEnabled = lockEnabled,
            DefaultRetention = changes.SetsDefaultRetention ? changes.DefaultRetention : bucket.DefaultRetention,
            ReplicationConfigurationJson = replication,
            DefaultServerSideEncryption = changes.DefaultServerSideEncryption is { } mode ? DefaultEncryption(principal, mode) : bucket.DefaultServerSideEncryption,
            Revision = bucket.Revision + 1,
        };
        return updated;
    }

    public async Task<Bucket> DeleteAsync(Principal principal, string accountId, string bucketId, CancellationToken cancellationToken)
    {
        principal.RequireBucket(Capabilities.DeleteBuckets, bucketId);
        principal.RequireAccount(accountId);
        var bucket = await GetOwnedFreshAsync(principal, bucketId, cancellationToken);
        var result = await _store.DeleteBucketAsync(bucketId, cancellationToken);
        Forget(bucket);
        return result switch
        {
            BucketDeleteResult.Deleted => bucket,
            BucketDeleteResult.NotEmpty => throw new CairnException(CairnError.BucketNotEmpty, $"Cannot delete non-empty bucket {bucket.BucketName}"),
            _ => throw Fail.BucketNotFound(bucketId),
        };
    }

    /// <summary>The bucket as stored now, bypassing the cache: updates and deletes work on the current revision.</summary>
    private async Task<Bucket> GetOwnedFreshAsync(Principal principal, string bucketId, CancellationToken cancellationToken)
    {
        var bucket = IdFormats.IsBucketId(bucketId) ? await _store.GetBucketAsync(bucketId, cancellationToken) : null;
        if (bucket is null || bucket.AccountId != principal.AccountId)
        {
            throw Fail.BucketNotFound(bucketId);
        }
        return bucket;
    }

    /// <summary>A bucket default is none (stored as null) or SSE-B2; SSE-C cannot be a default. Needs writeBucketEncryption.</summary>
    private static string? DefaultEncryption(Principal principal, string mode)
    {
        principal.Require(Capabilities.WriteBucketEncryption);
        return mode switch
        {
            SseModes.None => null,
            SseModes.SseB2 => SseModes.SseB2,
            _ => throw Fail.BadRequest($"defaultServerSideEncryption mode {mode} is not allowed: a bucket default is none or SSE-B2"),
        };
    }

    /// <summary>
    /// What to store for a requested replication configuration (null when it configures nothing). Each rule must name a
    /// bucket that exists: B2 refuses a rule whose destination is not a bucket it knows (400 <c>bad_request</c>, in the
    /// TypeScript SDK simulator's words).
    /// </summary>
    private async Task<string?> CheckReplicationAsync(string json, CancellationToken cancellationToken)
    {
        var normalized = ReplicationConfiguration.Normalize(json);
        foreach (var rule in ReplicationConfiguration.Parse(normalized)?.Rules ?? [])
        {
            var destination = IdFormats.IsBucketId(rule.DestinationBucketId) ? await _store.GetBucketAsync(rule.DestinationBucketId, cancellationToken) : null;
            if (destination is null && !await _remotes.HasBucketAsync(rule.DestinationBucketId, cancellationToken))
            {
                throw Fail.BadRequest($"replication destination bucket is invalid or not configured for this source application key: {rule.DestinationBucketId}");
            }
        }
        return normalized;
    }

    /// <summary>
    /// <c>includeExistingFiles</c>: the files already in the bucket that an enabled rule with it selects are queued for
    /// replication at once (B2 starts such a backfill within a day). Files that already have a status are left alone.
    /// </summary>
    private async Task BackfillAsync(Bucket bucket)
    {
        foreach (var rule in ReplicationConfiguration.Parse(bucket.ReplicationConfigurationJson)?.Rules ?? [])
        {
            if (rule.IsEnabled && rule.IncludeExistingFiles)
            {
                await _store.QueueExistingForReplicationAsync(bucket.BucketId, rule.FileNamePrefix, CancellationToken.None);
            }
        }
    }

    private static CairnException ReplicationConflict() => new(CairnError.SourceReplicationConflict,
        "Turning on file lock for an existing bucket having source replication configuration is not allowed.");

    /// <summary>
    /// A bucket by id, without authorization (for downloads, uploads and unauthenticated steps such as CORS preflights),
    /// through a short cache: every upload and download needs its bucket, and a read transaction per request showed in
    /// profiles. Changes made through this node are seen at once; changes made by another node within
    /// <see cref="BucketCacheLifetime"/>.
    /// </summary>
    public async Task<Bucket?> FindAsync(string bucketId, CancellationToken cancellationToken)
    {
        if (!IdFormats.IsBucketId(bucketId))
        {
            return null;
        }
        var now = Environment.TickCount64;
        if (_byId.TryGetValue(bucketId, out var cached) && now - cached.At < BucketCacheLifetime.TotalMilliseconds)
        {
            return cached.Bucket;
        }
        var generation = Volatile.Read(ref _generation);
        var bucket = await _store.GetBucketAsync(bucketId, cancellationToken);
        Remember(bucket, generation, now);
        return bucket;
    }

    /// <summary>A bucket by its exact name, without authorization, through the same cache.</summary>
    public async Task<Bucket?> FindByNameAsync(string bucketName, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        if (_byName.TryGetValue(bucketName, out var cached) && now - cached.At < BucketCacheLifetime.TotalMilliseconds)
        {
            return cached.Bucket;
        }
        var generation = Volatile.Read(ref _generation);
        var bucket = await _store.GetBucketByNameAsync(bucketName, cancellationToken);
        bucket = bucket is not null && bucket.BucketName == bucketName ? bucket : null;
        Remember(bucket, generation, now);
        return bucket;
    }

    /// <summary>How long another node's bucket changes may go unseen here. Two seconds.</summary>
    public static TimeSpan BucketCacheLifetime { get; } = TimeSpan.FromSeconds(2);

    // Only buckets that exist are cached (a bucket created on another node must be found at once). A read that raced
    // with a change made here is not cached: the generation moved while it read.
    private void Remember(Bucket? bucket, long generation, long now)
    {
        if (bucket is null || Volatile.Read(ref _generation) != generation)
        {
            return;
        }
        _byId[bucket.BucketId] = (bucket, now);
        _byName[bucket.BucketName] = (bucket, now);
    }

    private void Forget(Bucket bucket)
    {
        Interlocked.Increment(ref _generation);
        _byId.TryRemove(bucket.BucketId, out _);
        _byName.TryRemove(bucket.BucketName, out _);
    }

    /// <summary>The bucket, if it exists and belongs to the caller's account; else <see cref="CairnError.BucketNotFound"/>.</summary>
    public async Task<Bucket> GetOwnedAsync(Principal principal, string bucketId, CancellationToken cancellationToken)
    {
        var bucket = await FindAsync(bucketId, cancellationToken);
        if (bucket is null || bucket.AccountId != principal.AccountId)
        {
            throw Fail.BucketNotFound(bucketId);
        }
        return bucket;
    }
}
