using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Keys;

namespace Cairn.Core.FileLock;

/// <summary>
/// Object Lock rules (b2-api/lifecycle-cors-lock.md): what a new version gets, who may change retention and legal
/// hold, and which versions may not be deleted — whatever the key.
/// </summary>
public static class ObjectLock
{
    public const string On = "on";
    public const string Off = "off";

    public static CairnException NotLockEnabled() => new(CairnError.BucketMissingFileLock, "The bucket is not file lock enabled");

    /// <summary>
    /// The lock state of a version written now into <paramref name="bucket"/>: what the request asks for (checked
    /// against the caller's capabilities and the bucket), else the bucket's default retention.
    /// </summary>
    public static (FileRetention? Retention, string? LegalHold) ForNewVersion(Principal principal, Bucket bucket, LockRequest request, long now)
    {
        var retention = request.Retention;
        if (retention is not null)
        {
            principal.Require(Capabilities.WriteFileRetentions);
            if (!bucket.FileLockEnabled)
            {
                throw NotLockEnabled();
            }
            ValidateRetention(retention, now);
        }
        else if (bucket.FileLockEnabled && bucket.DefaultRetention is { } defaults)
        {
            retention = new FileRetention(defaults.Mode, defaults.RetainUntil(now));
        }
        if (request.LegalHold is not null)
        {
            principal.Require(Capabilities.WriteFileLegalHolds);
            if (!bucket.FileLockEnabled)
            {
                throw NotLockEnabled();
            }
            ValidateLegalHold(request.LegalHold);
        }
        return (retention, request.LegalHold);
    }

    /// <summary>Checks a change of retention from <paramref name="current"/> to <paramref name="requested"/> (null removes it).</summary>
    public static void CheckRetentionChange(Principal principal, FileRetention? current, FileRetention? requested, bool bypassGovernance, long now)
    {
        if (requested is not null)
        {
            ValidateRetention(requested, now);
        }
        if (current is null || current.RetainUntilTimestamp <= now)
        {
            return;
        }
        var loosens = requested is null
            || requested.RetainUntilTimestamp < current.RetainUntilTimestamp
            || (current.Mode == FileRetention.Compliance && requested.Mode != FileRetention.Compliance);
        if (!loosens)
        {
            return;
        }
        if (current.Mode == FileRetention.Compliance)
        {
            throw new CairnException(CairnError.AccessDenied, "Compliance retention cannot be shortened or removed before it expires");
        }
        if (!bypassGovernance || !principal.Has(Capabilities.BypassGovernance))
        {
            throw new CairnException(CairnError.AccessDenied,
                "Shortening or removing governance retention needs bypassGovernance and the bypassGovernance capability");
        }
    }

    /// <summary>Refuses to delete a version under legal hold or unexpired retention (governance may be bypassed).</summary>
    public static void EnsureDeletable(Principal principal, FileVersion version, bool bypassGovernance, long now)
    {
        if (version.LegalHold == On)
        {
            throw new CairnException(CairnError.AccessDenied, $"File {version.FileName} is under legal hold and cannot be deleted");
        }
        if (version.Retention is not { } retention || retention.RetainUntilTimestamp <= now)
        {
            return;
        }
        if (retention.Mode == FileRetention.Compliance)
        {
            throw new CairnException(CairnError.AccessDenied, $"File {version.FileName} is under compliance retention until {retention.RetainUntilTimestamp}");
        }
        if (!bypassGovernance || !principal.Has(Capabilities.BypassGovernance))
        {
            throw new CairnException(CairnError.AccessDenied,
                $"File {version.FileName} is under governance retention until {retention.RetainUntilTimestamp}; deleting it needs bypassGovernance and the bypassGovernance capability");
        }
    }

    /// <summary>True when nothing protects the version from deletion (for lifecycle rules, which never bypass).</summary>
    public static bool IsDeletableWithoutBypass(FileVersion version, long now) =>
        version.LegalHold != On && (version.Retention is null || version.Retention.RetainUntilTimestamp <= now);

    public static void ValidateRetention(FileRetention retention, long now)
    {
        if (!FileRetention.IsMode(retention.Mode))
        {
            throw Fail.BadRequest($"Invalid retention mode {retention.Mode}: governance or compliance");
        }
        if (retention.RetainUntilTimestamp <= now)
        {
            throw Fail.BadRequest("retainUntilTimestamp must be in the future");
        }
    }

    public static void ValidateLegalHold(string legalHold)
    {
        if (legalHold is not (On or Off))
        {
            throw Fail.BadRequest($"Invalid legal hold {legalHold}: on or off");
        }
    }

    public static void ValidateDefaultRetention(DefaultRetention retention)
    {
        if (!FileRetention.IsMode(retention.Mode))
        {
            throw Fail.BadRequest($"Invalid defaultRetention mode {retention.Mode}: governance or compliance");
        }
        if (retention.Unit is not (DefaultRetention.Days or DefaultRetention.Years) || retention.Duration < 1
            || retention.Unit == DefaultRetention.Days && retention.Duration > 36_500 || retention.Unit == DefaultRetention.Years && retention.Duration > 100)
        {
            throw Fail.BadRequest("defaultRetention period must be 1..36500 days or 1..100 years");
        }
    }
}
