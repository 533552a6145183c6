using System.ComponentModel;
using Cairn.Core.Buckets;
using Cairn.Core.Keys;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Cairn.Mcp.Tools;

/// <summary>Buckets: list, create, delete.</summary>
[McpServerToolType]
public sealed class BucketTools(McpCaller caller, BucketService buckets, McpOptions options)
{
    [McpServerTool(Name = "list_buckets", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("List the buckets you can reach, with each bucket's id, name and type (allPrivate or allPublic). Start here to find where files are stored.")]
    [NeedsCapability(Capabilities.ListBuckets)]
    public async Task<CallToolResult> ListBuckets(CancellationToken cancellationToken)
    {
        var principal = caller.Principal;
        var list = await buckets.ListAsync(principal, principal.AccountId, null, null, null, filterToScope: true, cancellationToken);
        return ToolResults.Ok(new { buckets = list.Select(b => new { b.BucketId, b.BucketName, b.BucketType }) }, options);
    }

    [McpServerTool(Name = "create_bucket", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Create a new bucket to store files in. Bucket names are 6-63 characters of letters, digits and '-', unique on this server.")]
    [NeedsCapability(Capabilities.WriteBuckets)]
    public async Task<CallToolResult> CreateBucket(
        [Description("The new bucket's name: 6-63 letters, digits and '-'.")] string bucketName,
        [Description("allPrivate (downloads need authorization; the default) or allPublic (anyone with the URL may download).")] string bucketType = "allPrivate",
        CancellationToken cancellationToken = default)
    {
        var principal = caller.Principal;
        var bucket = await buckets.CreateAsync(principal, principal.AccountId, new NewBucket { BucketName = bucketName, BucketType = bucketType }, cancellationToken);
        return ToolResults.Ok(new { bucket.BucketId, bucket.BucketName, bucket.BucketType }, options);
    }

    [McpServerTool(Name = "delete_bucket", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Delete an empty bucket (it must hold no file versions). Destructive: needs confirm: true, sent only after the user agreed.")]
    [NeedsCapability(Capabilities.DeleteBuckets)]
    public async Task<CallToolResult> DeleteBucket(
        [Description("The bucket's id, from list_buckets.")] string bucketId,
        [Description("true only after the user confirmed the deletion; without it nothing is deleted.")] bool confirm = false,
        CancellationToken cancellationToken = default)
    {
        if (!confirm)
        {
            return ToolResults.NeedsConfirmation($"This deletes bucket {bucketId} for good.");
        }
        var principal = caller.Principal;
        var bucket = await buckets.DeleteAsync(principal, principal.AccountId, bucketId, cancellationToken);
        return ToolResults.Ok(new { deleted = new { bucket.BucketId, bucket.BucketName } }, options);
    }
}
