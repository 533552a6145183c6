using Cairn.Core.Errors;

namespace Cairn.Core.Buckets;

/// <summary>B2's rules for bucket names, bucket info and lifecycle rules (b2-api/buckets.md, lifecycle-cors-lock.md).</summary>
public static class BucketRules
{
    public const int MinNameLength = 6;
    public const int MaxNameLength = 63;
    public const int MaxBucketInfoEntries = 10;

    /// <summary>The bucketInfo entry B2 applies as the default <c>Cache-Control</c> header of downloads.</summary>
    public const string CacheControlInfo = "Cache-Control";
    public const int MaxLifecycleRules = 100;

    public static void ValidateName(string name)
    {
        if (name.Length is < MinNameLength or > MaxNameLength)
        {
            throw Fail.BadRequest($"Invalid bucketName: {name}: bucket names must be {MinNameLength} to {MaxNameLength} characters");
        }
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                throw Fail.BadRequest($"Invalid bucketName: {name}: bucket names may contain only letters, digits and -");
            }
        }
        if (name.StartsWith("b2-", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail.BadRequest($"Invalid bucketName: {name}: bucket names starting with b2- are reserved");
        }
    }

    public static void ValidateType(string type)
    {
        if (!BucketTypes.IsSettable(type))
        {
            throw Fail.BadRequest($"Invalid bucketType: {type}: must be allPublic or allPrivate");
        }
    }

    public static void ValidateInfo(IReadOnlyDictionary<string, string> info)
    {
        if (info.Count > MaxBucketInfoEntries)
        {
            throw Fail.BadRequest($"bucketInfo may have at most {MaxBucketInfoEntries} entries");
        }
        foreach (var (name, value) in info)
        {
            if (name.Length is 0 or > 50 || value.Length > 4096)
            {
                throw Fail.BadRequest($"Invalid bucketInfo entry: {name}");
            }
            if (name.Equals(CacheControlInfo, StringComparison.OrdinalIgnoreCase))
            {
                // Sent as the downloads' default Cache-Control header, so it must be valid as one.
                Files.ContentHeaderRules.Require(CacheControlInfo, value, "bucketInfo Cache-Control");
            }
        }
    }

    public static void ValidateLifecycleRules(IReadOnlyList<LifecycleRule> rules)
    {
        if (rules.Count > MaxLifecycleRules)
        {
            throw Fail.BadRequest($"at most {MaxLifecycleRules} lifecycle rules are allowed");
        }
        foreach (var rule in rules)
        {
            if (rule.DaysFromUploadingToHiding is null && rule.DaysFromHidingToDeleting is null && rule.DaysFromStartingToCancelingUnfinishedLargeFiles is null)
            {
                throw Fail.BadRequest($"lifecycle rule for prefix '{rule.FileNamePrefix}' sets no day count");
            }
            if (rule.DaysFromUploadingToHiding is < 1 || rule.DaysFromHidingToDeleting is < 1 || rule.DaysFromStartingToCancelingUnfinishedLargeFiles is < 1)
            {
                throw Fail.BadRequest($"lifecycle rule for prefix '{rule.FileNamePrefix}': day counts must be positive");
            }
        }
        for (var i = 0; i < rules.Count; i++)
        {
            for (var j = 0; j < rules.Count; j++)
            {
                if (i != j && rules[j].FileNamePrefix.StartsWith(rules[i].FileNamePrefix, StringComparison.Ordinal))
                {
                    throw Fail.BadRequest($"lifecycle rules overlap: '{rules[i].FileNamePrefix}' is a prefix of '{rules[j].FileNamePrefix}'");
                }
            }
        }
    }
}
