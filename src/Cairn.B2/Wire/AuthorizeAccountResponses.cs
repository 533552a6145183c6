namespace Cairn.B2.Wire;

// b2_authorize_account has a different shape in each API version (b2-api/auth-and-keys.md). Properties are declared
// in alphabetical order because B2 emits keys that way; every documented key is present, null when empty.

/// <summary>v1 and v2 <c>allowed</c>, and the v3 restriction fields.</summary>
public sealed record AllowedV1(string? BucketId, string? BucketName, IReadOnlyList<string> Capabilities, string? NamePrefix);

/// <summary>v1: flat, with the deprecated <c>minimumPartSize</c>.</summary>
public sealed record AuthorizeAccountV1Response(
    long AbsoluteMinimumPartSize, string AccountId, AllowedV1 Allowed, string ApiUrl, string AuthorizationToken,
    string DownloadUrl, long MinimumPartSize, long RecommendedPartSize, string S3ApiUrl);

/// <summary>v2: v1 without <c>minimumPartSize</c>.</summary>
public sealed record AuthorizeAccountV2Response(
    long AbsoluteMinimumPartSize, string AccountId, AllowedV1 Allowed, string ApiUrl, string AuthorizationToken,
    string DownloadUrl, long RecommendedPartSize, string S3ApiUrl);

/// <summary>v3 <c>apiInfo.storageApi</c>: the storage fields with the restrictions flattened in.</summary>
public sealed record StorageApiV3(
    long AbsoluteMinimumPartSize, string ApiUrl, string? BucketId, string? BucketName, IReadOnlyList<string> Capabilities,
    string DownloadUrl, string InfoType, string? NamePrefix, long RecommendedPartSize, string S3ApiUrl);

public sealed record ApiInfoV3(StorageApiV3 StorageApi);

public sealed record AuthorizeAccountV3Response(string AccountId, ApiInfoV3 ApiInfo, long? ApplicationKeyExpirationTimestamp, string AuthorizationToken);

/// <summary>v4 bucket restriction entry: id and name (null when the bucket no longer exists).</summary>
public sealed record AllowedBucket(string Id, string? Name);

/// <summary>v4 <c>allowed</c>: <c>buckets</c> is null for an unrestricted key.</summary>
public sealed record AllowedV4(IReadOnlyList<AllowedBucket>? Buckets, IReadOnlyList<string> Capabilities, string? NamePrefix);

public sealed record StorageApiV4(
    long AbsoluteMinimumPartSize, AllowedV4 Allowed, string ApiUrl, string DownloadUrl, string InfoType,
    long RecommendedPartSize, string S3ApiUrl);

public sealed record ApiInfoV4(StorageApiV4 StorageApi);

public sealed record AuthorizeAccountV4Response(string AccountId, ApiInfoV4 ApiInfo, long? ApplicationKeyExpirationTimestamp, string AuthorizationToken);
