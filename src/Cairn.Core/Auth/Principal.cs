using Cairn.Core.Errors;
using Cairn.Core.Keys;

namespace Cairn.Core.Auth;

/// <summary>
/// Who is calling: the application key behind a verified token. Every object-service operation asks it for the
/// capability it needs and for the key's bucket and name-prefix scope, so all protocols enforce the same rules.
/// </summary>
public sealed class Principal
{
    private readonly HashSet<string> _capabilities;

    public Principal(ApplicationKey key)
    {
        Key = key;
        _capabilities = new HashSet<string>(key.Capabilities, StringComparer.Ordinal);
    }

    public ApplicationKey Key { get; }

    public string AccountId => Key.AccountId;

    public bool Has(string capability) => _capabilities.Contains(capability);

    /// <summary>True when the key may reach the bucket (no bucket restriction, or the bucket is among its buckets).</summary>
    public bool CanReachBucket(string bucketId) => Key.BucketIds is null || Key.BucketIds.Contains(bucketId);

    /// <summary>True when the key may reach the name (no prefix restriction, or the name starts with the prefix).</summary>
    public bool CanReachName(string fileName) =>
        Key.NamePrefix is null || fileName.StartsWith(Key.NamePrefix, StringComparison.Ordinal);

    public void Require(string capability)
    {
        if (!Has(capability))
        {
            throw Fail.Unauthorized($"not authorized: the application key lacks the {capability} capability");
        }
    }

    public void RequireAccount(string? accountId)
    {
        if (accountId is not null && accountId != AccountId)
        {
            throw Fail.Unauthorized($"not authorized for account {accountId}");
        }
    }

    /// <summary>The capability, and the bucket inside the key's bucket restriction.</summary>
    public void RequireBucket(string capability, string bucketId)
    {
        Require(capability);
        if (!CanReachBucket(bucketId))
        {
            throw Fail.Unauthorized($"not authorized: the application key is restricted to other buckets than {bucketId}");
        }
    }

    /// <summary>The capability, the bucket, and the name inside the key's name prefix.</summary>
    public void RequireName(string capability, string bucketId, string fileName)
    {
        RequireBucket(capability, bucketId);
        if (!CanReachName(fileName))
        {
            throw Fail.Unauthorized($"not authorized: the application key is restricted to names starting with {Key.NamePrefix}");
        }
    }

    /// <summary>A listing prefix must be at least as restrictive as the key's name prefix.</summary>
    public void RequireListing(string capability, string bucketId, string prefix) => RequirePrefix(capability, bucketId, prefix);

    /// <summary>
    /// A prefix that stands for many names (listings, download authorizations) must be at least as restrictive as the
    /// key's name prefix.
    /// </summary>
    public void RequirePrefix(string capability, string bucketId, string prefix)
    {
        RequireBucket(capability, bucketId);
        if (!CanReachName(prefix))
        {
            throw Fail.Unauthorized($"not authorized: the prefix must start with the application key's prefix {Key.NamePrefix}");
        }
    }

    /// <summary>
    /// True when a scope (buckets, name prefix) lies inside this key's scope: a restricted key may only hand out,
    /// see or delete keys that are at least as restricted as itself.
    /// </summary>
    public bool Contains(IReadOnlyList<string>? bucketIds, string? namePrefix)
    {
        if (Key.BucketIds is { } own && (bucketIds is null || !bucketIds.All(own.Contains)))
        {
            return false;
        }
        return Key.NamePrefix is null || namePrefix is not null && namePrefix.StartsWith(Key.NamePrefix, StringComparison.Ordinal);
    }
}
