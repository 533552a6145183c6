using System.Text.Json.Serialization;

namespace Cairn.B2.Wire;

// The application key object of b2_create_key, b2_list_keys and b2_delete_key (b2-api/auth-and-keys.md). v1–v3 name
// one bucket (bucketId); v4 names several (bucketIds). applicationKey, the secret, appears only in b2_create_key.

/// <summary>v1–v3 key object.</summary>
public sealed record KeyResponseV1(
    string AccountId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApplicationKey,
    string ApplicationKeyId,
    string? BucketId,
    IReadOnlyList<string> Capabilities,
    long? ExpirationTimestamp,
    string KeyName,
    string? NamePrefix,
    IReadOnlyList<string> Options);

/// <summary>v4 key object.</summary>
public sealed record KeyResponseV4(
    string AccountId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApplicationKey,
    string ApplicationKeyId,
    IReadOnlyList<string>? BucketIds,
    IReadOnlyList<string> Capabilities,
    long? ExpirationTimestamp,
    string KeyName,
    string? NamePrefix,
    IReadOnlyList<string> Options);

public sealed record ListKeysV1Response(IReadOnlyList<KeyResponseV1> Keys, string? NextApplicationKeyId);

public sealed record ListKeysV4Response(IReadOnlyList<KeyResponseV4> Keys, string? NextApplicationKeyId);
