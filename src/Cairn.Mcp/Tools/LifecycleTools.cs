using System.ComponentModel;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Keys;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Cairn.Mcp.Tools;

/// <summary>A bucket's lifecycle rules: which old versions are hidden and deleted automatically.</summary>
[McpServerToolType]
public sealed class LifecycleTools(McpCaller caller, BucketService buckets, McpOptions options)
{
    [McpServerTool(Name = "get_lifecycle_rules", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Show a bucket's lifecycle rules: per name prefix, after how many days files are hidden and hidden versions deleted.")]
    [NeedsCapability(Capabilities.ListBuckets)]
    public async Task<CallToolResult> GetLifecycleRules(
        [Description("The bucket's id.")] string bucketId,
        CancellationToken cancellationToken = default)
    {
        var principal = caller.Principal;
        var bucket = (await buckets.ListAsync(principal, principal.AccountId, bucketId, null, null, filterToScope: true, cancellationToken)).FirstOrDefault()
            ?? throw Fail.BucketNotFound(bucketId);
        return ToolResults.Ok(new { bucket.BucketId, bucket.BucketName, lifecycleRules = bucket.LifecycleRules, bucket.Revision }, options);
    }

    [McpServerTool(Name = "set_lifecycle_rules", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Replace a bucket's lifecycle rules (e.g. delete hidden versions after 7 days under 'logs/'). Rules can delete data automatically, so this needs confirm: true, sent only after the user agreed. An empty list removes all rules.")]
    [NeedsCapability(Capabilities.WriteBuckets)]
    public async Task<CallToolResult> SetLifecycleRules(
        [Description("The bucket's id.")] string bucketId,
        [Description("The complete new set of rules; it replaces the old one.")] IReadOnlyList<LifecycleRuleInput> rules,
        [Description("true only after the user confirmed; without it nothing changes.")] bool confirm = false,
        CancellationToken cancellationToken = default)
    {
        if (!confirm)
        {
            return ToolResults.NeedsConfirmation($"This replaces the lifecycle rules of bucket {bucketId} with {rules.Count} rule(s); rules hide and delete files automatically.");
        }
        var principal = caller.Principal;
        var changes = new BucketChanges
        {
            LifecycleRules = rules.Select(r => new LifecycleRule(r.FileNamePrefix, r.DaysFromUploadingToHiding, r.DaysFromHidingToDeleting,
                r.DaysFromStartingToCancelingUnfinishedLargeFiles)).ToList(),
        };
        var bucket = await buckets.UpdateAsync(principal, principal.AccountId, bucketId, changes, cancellationToken);
        return ToolResults.Ok(new { bucket.BucketId, lifecycleRules = bucket.LifecycleRules, bucket.Revision }, options);
    }
}
