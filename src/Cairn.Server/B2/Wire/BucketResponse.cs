using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cairn.Server.B2.Wire;

/// <summary>The bucket object (b2-api/buckets.md). b2sdk requires every key, including the two settings wrappers.</summary>
public sealed record BucketResponse(
    string AccountId,
    string BucketId,
    IReadOnlyDictionary<string, string> BucketInfo,
    string BucketName,
    string BucketType,
    JsonElement CorsRules,
    EncryptionSettingWrapper DefaultServerSideEncryption,
    FileLockConfigurationWrapper FileLockConfiguration,
    IReadOnlyList<LifecycleRuleResponse> LifecycleRules,
    IReadOnlyList<string> Options,
    ReplicationConfigurationWrapper ReplicationConfiguration,
    long Revision);

/// <summary>
/// <c>{"isClientAuthorizedToRead", "value"}</c> around the replication configuration as it was set; <c>value</c> is null
/// when none is set (or it was emptied), as B2 answers and b2sdk's raw API test expects.
/// </summary>
public sealed record ReplicationConfigurationWrapper(bool IsClientAuthorizedToRead, JsonElement? Value);

/// <summary><c>{"isClientAuthorizedToRead", "value"}</c>; <c>value</c> is left out when the key may not read it.</summary>
public sealed record EncryptionSettingWrapper(
    bool IsClientAuthorizedToRead,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EncryptionSetting? Value);

public sealed record EncryptionSetting(string? Algorithm, string? Mode);

/// <summary><c>{"isClientAuthorizedToRead", "value"}</c>; <c>value</c> is null when the key may not read it.</summary>
public sealed record FileLockConfigurationWrapper(bool IsClientAuthorizedToRead, FileLockConfiguration? Value);

public sealed record FileLockConfiguration(DefaultRetentionResponse DefaultRetention, bool IsFileLockEnabled);

public sealed record DefaultRetentionResponse(string? Mode, RetentionPeriod? Period);

public sealed record RetentionPeriod(int Duration, string Unit);

public sealed record LifecycleRuleResponse(
    int? DaysFromHidingToDeleting,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DaysFromStartingToCancelingUnfinishedLargeFiles,
    int? DaysFromUploadingToHiding,
    string FileNamePrefix);

public sealed record ListBucketsResponse(IReadOnlyList<BucketResponse> Buckets);
