using Cairn.B2.OpenApi;

namespace Cairn.Server.Tests.B2.Auth;

/// <summary>Which part of a key's restriction an endpoint is subject to.</summary>
public enum ScopeRule
{
    /// <summary>Account-wide: bucket and prefix restrictions do not refuse the call (they may filter its answer).</summary>
    Account,

    /// <summary>Only keys without a bucket restriction.</summary>
    UnrestrictedKeysOnly,

    /// <summary>The bucket must be one of the key's buckets; the name prefix does not matter.</summary>
    Bucket,

    /// <summary>The bucket must be one of the key's buckets and the name (or prefix) must start with the key's prefix.</summary>
    BucketAndName,
}

/// <summary>
/// One endpoint's authorization rule, and how the matrix exercises it. The capabilities come from the operation's one
/// descriptor (<see cref="B2Operation.Grants"/>: any one opens the endpoint, empty: any valid key;
/// <see cref="B2Operation.AlsoRequires"/>: needed as well, as a copy reads its source and writes its destination), so the
/// matrix proves the server enforces what the API reference states. <see cref="Call"/> performs the call as the case's
/// key, on bucket A and names under <c>p/</c>, preparing whatever fresh state it consumes.
/// </summary>
public sealed record EndpointRule(
    string Endpoint,
    ScopeRule Scope,
    string Notes,
    Func<MatrixCall, Task<MatrixResult>> Call,
    bool V1FiltersInsteadOfRefusing = false)
{
    private B2Operation Operation { get; } = B2Operations.All.Single(o => o.Name == Endpoint && o.Kind != OperationKind.Preflight);

    public IReadOnlyList<string> Grants => Operation.Grants;

    public IReadOnlyList<string> AlsoRequires => Operation.AlsoRequires;
}

/// <summary>
/// Who may do what: the one table the authorization matrix test runs (every row × capability with and without ×
/// bucket scope × prefix scope × API version) and docs/authorization.md is rendered from. Adding an endpoint is adding
/// a row here; <see cref="AuthorizationMatrixTests.EveryRoute_HasARow"/> fails until it is added.
/// </summary>
public static class AuthorizationMatrix
{
    public static IReadOnlyList<EndpointRule> Rules { get; } =
    [
        new("b2_authorize_account", ScopeRule.Account,
            "Any valid key. A key restricted to several buckets only through v4.",
            c => c.AuthorizeAsync()),

        new("b2_create_key", ScopeRule.BucketAndName,
            "A restricted key creates keys only inside its own buckets and prefix.",
            c => c.JsonAsync("b2_create_key", c.NewKeyBody())),
        new("b2_list_keys", ScopeRule.Account,
            "A restricted key sees only keys inside its own scope.",
            c => c.JsonAsync("b2_list_keys", new { accountId = c.AccountId })),
        new("b2_delete_key", ScopeRule.BucketAndName,
            "A restricted key deletes only keys inside its own scope.",
            async c => await c.JsonAsync("b2_delete_key", new { applicationKeyId = await c.NewVictimKeyAsync() })),
        new("b2_create_agent_token", ScopeRule.Account,
            "Any valid key. The agent token (for /mcp) carries the key's own capabilities and scope, nothing more.",
            c => c.JsonAsync("b2_create_agent_token", new { })),
        new("b2_list_agent_grants", ScopeRule.Account,
            "Any valid key: the grants it approved on the consent page; with listKeys also other keys' grants inside its scope.",
            c => c.JsonAsync("b2_list_agent_grants", new { })),
        new("b2_revoke_agent_grant", ScopeRule.Account,
            "Any valid key revokes the grants it approved; with deleteKeys also other keys' grants inside its scope.",
            async c => await c.JsonAsync("b2_revoke_agent_grant", new { grantId = await c.NewOwnAgentGrantAsync() })),

        new("b2_create_bucket", ScopeRule.UnrestrictedKeysOnly,
            "Bucket-restricted keys cannot create buckets.",
            c => c.JsonAsync("b2_create_bucket", new { accountId = c.AccountId, bucketName = MatrixCall.UniqueBucketName(), bucketType = "allPrivate" })),
        new("b2_list_buckets", ScopeRule.Bucket,
            "A bucket-restricted key must name its bucket (v1 filters the list instead).",
            c => c.JsonAsync("b2_list_buckets", new { accountId = c.AccountId, bucketId = c.BucketA }, "buckets"),
            V1FiltersInsteadOfRefusing: true),
        new("b2_update_bucket", ScopeRule.Bucket,
            "",
            c => c.JsonAsync("b2_update_bucket", new { accountId = c.AccountId, bucketId = c.BucketA, bucketType = "allPrivate" })),
        new("b2_delete_bucket", ScopeRule.Bucket,
            "",
            async c =>
            {
                var doomed = await c.NewBucketAsync();
                return await c.JsonAsync("b2_delete_bucket", new { accountId = c.AccountId, bucketId = doomed }, thisBucket: doomed);
            }),

        new("b2_get_bucket_notification_rules", ScopeRule.Bucket,
            "",
            c => c.JsonAsync("b2_get_bucket_notification_rules", new { bucketId = c.BucketA })),
        new("b2_set_bucket_notification_rules", ScopeRule.Bucket,
            "Replaces the bucket's whole rule list.",
            c => c.JsonAsync("b2_set_bucket_notification_rules", new { bucketId = c.BucketA, eventNotificationRules = Array.Empty<object>() })),

        new("b2_get_upload_url", ScopeRule.Bucket,
            "The prefix is checked when the file is uploaded.",
            c => c.JsonAsync("b2_get_upload_url", new { bucketId = c.BucketA })),
        new("b2_upload_file", ScopeRule.BucketAndName,
            "Through the upload URL and token of b2_get_upload_url.",
            c => c.UploadAsync()),
        new("b2_list_file_names", ScopeRule.BucketAndName,
            "The request prefix must start with the key's prefix.",
            c => c.JsonAsync("b2_list_file_names", new { bucketId = c.BucketA, prefix = MatrixCall.Prefix })),
        new("b2_list_file_versions", ScopeRule.BucketAndName,
            "The request prefix must start with the key's prefix.",
            c => c.JsonAsync("b2_list_file_versions", new { bucketId = c.BucketA, prefix = MatrixCall.Prefix })),
        new("b2_get_file_info", ScopeRule.BucketAndName,
            "",
            c => c.JsonAsync("b2_get_file_info", new { fileId = c.ExistingFileId })),
        new("b2_hide_file", ScopeRule.BucketAndName,
            "Hiding needs writeFiles, not deleteFiles.",
            async c =>
            {
                var (_, name) = await c.NewFileAsync();
                return await c.JsonAsync("b2_hide_file", new { bucketId = c.BucketA, fileName = name });
            }),
        new("b2_delete_file_version", ScopeRule.BucketAndName,
            "",
            async c =>
            {
                var (fileId, name) = await c.NewFileAsync();
                return await c.JsonAsync("b2_delete_file_version", new { fileId, fileName = name });
            }),

        new("b2_update_file_retention", ScopeRule.BucketAndName,
            "Lock-enabled buckets. Shortening governance retention also needs `bypassGovernance`.",
            async c =>
            {
                var (fileId, name) = await c.NewFileAsync();
                var until = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds();
                return await c.JsonAsync("b2_update_file_retention", new { fileId, fileName = name, fileRetention = new { mode = "governance", retainUntilTimestamp = until } });
            }),
        new("b2_update_file_legal_hold", ScopeRule.BucketAndName,
            "Lock-enabled buckets.",
            async c =>
            {
                var (fileId, name) = await c.NewFileAsync();
                return await c.JsonAsync("b2_update_file_legal_hold", new { fileId, fileName = name, legalHold = "off" });
            }),
        new("b2_copy_file", ScopeRule.BucketAndName,
            "Reads the source (`readFiles`, its name in scope) and writes the destination name.",
            c => c.JsonAsync("b2_copy_file", new { sourceFileId = c.ExistingFileId, fileName = MatrixCall.Prefix + "copy-" + Guid.NewGuid().ToString("N") })),
        new("b2_copy_part", ScopeRule.BucketAndName,
            "Reads the source (`readFiles`) into a part of a large file in scope.",
            async c => await c.JsonAsync("b2_copy_part", new { sourceFileId = c.ExistingFileId, largeFileId = await c.NewLargeFileAsync(), partNumber = 1 })),

        new("b2_start_large_file", ScopeRule.BucketAndName,
            "",
            c => c.JsonAsync("b2_start_large_file", new { bucketId = c.BucketA, fileName = MatrixCall.Prefix + "large-" + Guid.NewGuid().ToString("N"), contentType = "b2/x-auto" })),
        new("b2_get_upload_part_url", ScopeRule.BucketAndName,
            "The file's name must be in scope.",
            async c => await c.JsonAsync("b2_get_upload_part_url", new { fileId = await c.NewLargeFileAsync() })),
        new("b2_upload_part", ScopeRule.BucketAndName,
            "Through the part URL and token of b2_get_upload_part_url.",
            c => c.UploadPartAsync()),
        new("b2_list_parts", ScopeRule.BucketAndName,
            "",
            async c => await c.JsonAsync("b2_list_parts", new { fileId = await c.NewLargeFileAsync() })),
        new("b2_finish_large_file", ScopeRule.BucketAndName,
            "",
            async c =>
            {
                var (fileId, sha1s) = await c.NewLargeFileWithPartsAsync();
                return await c.JsonAsync("b2_finish_large_file", new { fileId, partSha1Array = sha1s });
            }),
        new("b2_cancel_large_file", ScopeRule.BucketAndName,
            "",
            async c => await c.JsonAsync("b2_cancel_large_file", new { fileId = await c.NewLargeFileAsync() })),
        new("b2_list_unfinished_large_files", ScopeRule.BucketAndName,
            "namePrefix must start with the key's prefix.",
            c => c.JsonAsync("b2_list_unfinished_large_files", new { bucketId = c.BucketA, namePrefix = MatrixCall.Prefix })),

        new("b2_download_file_by_id", ScopeRule.BucketAndName,
            "Private buckets; public buckets need no token.",
            c => c.DownloadAsync($"b2api/v{c.Version}/b2_download_file_by_id?fileId={c.ExistingFileId}")),
        new("b2_download_file_by_name", ScopeRule.BucketAndName,
            "`/file/BUCKET/NAME`. Also opened by a download authorization token for a prefix of the name.",
            c => c.DownloadAsync($"file/{c.BucketAName}/{MatrixCall.ExistingFileName}")),
        new("b2_get_download_authorization", ScopeRule.BucketAndName,
            "fileNamePrefix must start with the key's prefix.",
            c => c.JsonAsync("b2_get_download_authorization", new { bucketId = c.BucketA, fileNamePrefix = MatrixCall.Prefix, validDurationInSeconds = 60 })),
    ];

    /// <summary>Whether a key passes the row's rule, and what the answer then looks like.</summary>
    public static MatrixOutcome Expected(EndpointRule rule, bool hasGrant, BucketScope bucket, PrefixScope prefix, int version)
    {
        if (!hasGrant)
        {
            return MatrixOutcome.Unauthorized;
        }
        var inScope = rule.Scope switch
        {
            ScopeRule.Account => true,
            ScopeRule.UnrestrictedKeysOnly => bucket == BucketScope.None,
            ScopeRule.Bucket => bucket != BucketScope.OtherBucket,
            ScopeRule.BucketAndName => bucket != BucketScope.OtherBucket && prefix != PrefixScope.OtherPrefix,
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
        if (inScope)
        {
            return MatrixOutcome.Allowed;
        }
        return rule.V1FiltersInsteadOfRefusing && version == 1 ? MatrixOutcome.FilteredEmpty : MatrixOutcome.Unauthorized;
    }
}

public enum BucketScope
{
    None,
    ThisBucket,
    OtherBucket,
}

public enum PrefixScope
{
    None,
    MatchingPrefix,
    OtherPrefix,
}

public enum MatrixOutcome
{
    /// <summary>200.</summary>
    Allowed,

    /// <summary>401 unauthorized.</summary>
    Unauthorized,

    /// <summary>200 with an empty list (B2's v1 compatibility filtering).</summary>
    FilteredEmpty,
}

/// <summary>What a matrix call got back: status, B2 error code, and the length of the listed array when asked.</summary>
public sealed record MatrixResult(int Status, string? Code, int? Count, string Body);
