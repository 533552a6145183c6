using System.Text.RegularExpressions;
using Cairn.Core.Auth;
using Cairn.Core.Errors;
using Cairn.Core.Ids;
using Cairn.Core.Storage;

namespace Cairn.Core.Keys;

/// <summary>
/// b2_create_key, b2_list_keys, b2_delete_key (b2-api/auth-and-keys.md). The secret is returned once and stored only
/// as a salted hash. A key restricted to buckets or a prefix may only create, see and delete keys inside its own scope.
/// </summary>
public sealed partial class KeyService
{
    public const int DefaultMaxKeyCount = 100;
    public const int MaxKeyCountLimit = 10_000;

    /// <summary>1000 days, B2's longest key lifetime.</summary>
    public const long MaxValidDurationInSeconds = 86_400_000;

    private readonly IMetadataStore _store;
    private readonly AuthService _auth;
    private readonly TimeProvider _time;

    public KeyService(IMetadataStore store, AuthService auth, TimeProvider time)
    {
        _store = store;
        _auth = auth;
        _time = time;
    }

    public async Task<CreatedKey> CreateAsync(Principal principal, string accountId, NewKey request, KeyRestrictionShape shape, CancellationToken cancellationToken)
    {
        principal.RequireAccount(accountId);
        principal.Require(Capabilities.WriteKeys);
        if (request.Capabilities.Count == 0)
        {
            throw Fail.BadRequest("capabilities must name at least one capability");
        }
        foreach (var capability in request.Capabilities)
        {
            if (!Capabilities.IsKnown(capability))
            {
                throw Fail.BadRequest($"unknown capability: {capability}");
            }
        }
        if (!KeyNamePattern().IsMatch(request.KeyName))
        {
            throw Fail.BadRequest("keyName must be 1 to 100 letters, digits and hyphens");
        }
        if (request.ValidDurationInSeconds is { } duration and (< 1 or > MaxValidDurationInSeconds))
        {
            throw Fail.BadRequest($"validDurationInSeconds must be between 1 and {MaxValidDurationInSeconds}");
        }
        var bucketIds = request.BucketIds?.Distinct(StringComparer.Ordinal).ToList();
        if (bucketIds is { Count: 0 })
        {
            throw Fail.BadRequest("bucketIds must name at least one bucket, or be null for every bucket");
        }
        if (shape == KeyRestrictionShape.SingleBucket && bucketIds is { Count: > 1 })
        {
            throw Fail.BadRequest("a key restricted to several buckets can only be created through b2api/v4");
        }
        if (!principal.Contains(bucketIds, request.NamePrefix))
        {
            throw Fail.Unauthorized("not authorized: a restricted application key can only create keys within its own buckets and name prefix");
        }
        foreach (var bucketId in bucketIds ?? [])
        {
            var bucket = IdFormats.IsBucketId(bucketId) ? await _store.GetBucketAsync(bucketId, cancellationToken) : null;
            if (bucket is null || bucket.AccountId != principal.AccountId)
            {
                throw Fail.BadRequest($"Bucket {bucketId} does not exist");
            }
        }
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var keyId = IdGenerator.NewApplicationKeyId(principal.AccountId);
        var secret = _auth.NewKeySecret(keyId);
        var key = new ApplicationKey
        {
            ApplicationKeyId = keyId,
            AccountId = principal.AccountId,
            KeyName = request.KeyName,
            Capabilities = request.Capabilities.Distinct(StringComparer.Ordinal).ToList(),
            BucketIds = bucketIds,
            NamePrefix = request.NamePrefix,
            ExpirationTimestamp = request.ValidDurationInSeconds is { } seconds ? now + seconds * 1000 : null,
            SecretHash = SecretHasher.Hash(secret),
            CreatedAt = now,
        };
        await _store.UpsertKeyAsync(key, cancellationToken);
        return new CreatedKey(key, secret);
    }

    public async Task<KeyPage> ListAsync(Principal principal, string accountId, int? maxKeyCount, string? startApplicationKeyId, KeyRestrictionShape shape, CancellationToken cancellationToken)
    {
        principal.RequireAccount(accountId);
        principal.Require(Capabilities.ListKeys);
        var max = maxKeyCount ?? DefaultMaxKeyCount;
        if (max is < 1 or > MaxKeyCountLimit)
        {
            throw Fail.BadRequest($"maxKeyCount must be between 1 and {MaxKeyCountLimit}");
        }
        // Keys the caller may not see are skipped, so a page may take several store reads; each read asks for one
        // more than still needed, to know whether a next page exists.
        var keys = new List<ApplicationKey>();
        var cursor = startApplicationKeyId;
        string? skip = null;
        while (true)
        {
            var want = max - keys.Count + 1;
            var batch = await _store.ListKeysAsync(principal.AccountId, cursor, want + (skip is null ? 0 : 1), cancellationToken);
            foreach (var key in batch)
            {
                if (key.ApplicationKeyId == skip || !IsVisible(principal, key, shape))
                {
                    continue;
                }
                if (keys.Count == max)
                {
                    return new KeyPage(keys, key.ApplicationKeyId);
                }
                keys.Add(key);
            }
            if (batch.Count < want + (skip is null ? 0 : 1))
            {
                return new KeyPage(keys, null);
            }
            cursor = skip = batch[^1].ApplicationKeyId;
        }
    }

    /// <summary>Deletes a key; its tokens stop working at once.</summary>
    public async Task<ApplicationKey> DeleteAsync(Principal principal, string applicationKeyId, KeyRestrictionShape shape, CancellationToken cancellationToken)
    {
        principal.Require(Capabilities.DeleteKeys);
        var key = await _store.GetKeyAsync(applicationKeyId, cancellationToken);
        if (key is null || key.IsMaster || key.AccountId != principal.AccountId)
        {
            throw Fail.BadRequest($"Application key {applicationKeyId} does not exist");
        }
        if (!principal.Contains(key.BucketIds, key.NamePrefix))
        {
            throw Fail.Unauthorized("not authorized: a restricted application key can only delete keys within its own buckets and name prefix");
        }
        if (!Expressible(key, shape))
        {
            throw Fail.BadRequest("this application key is restricted to several buckets; delete it through b2api/v4");
        }
        var deleted = await _store.DeleteKeyAsync(applicationKeyId, cancellationToken)
            ?? throw Fail.BadRequest($"Application key {applicationKeyId} does not exist");
        _auth.Evict(applicationKeyId);
        return deleted;
    }

    private static bool IsVisible(Principal principal, ApplicationKey key, KeyRestrictionShape shape) =>
        !key.IsMaster && Expressible(key, shape) && principal.Contains(key.BucketIds, key.NamePrefix);

    private static bool Expressible(ApplicationKey key, KeyRestrictionShape shape) =>
        shape == KeyRestrictionShape.MultiBucket || key.BucketIds is not { Count: > 1 };

    [GeneratedRegex("^[A-Za-z0-9-]{1,100}$")]
    private static partial Regex KeyNamePattern();
}
