using System.ComponentModel;
using Cairn.Core.Auth;
using Cairn.Core.Keys;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Cairn.Mcp.Tools;

/// <summary>Application keys: list, and create without letting the secret into the conversation.</summary>
[McpServerToolType]
public sealed class KeyTools(McpCaller caller, KeyService keys, AuthService auth, McpOptions options)
{
    [McpServerTool(Name = "list_keys", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("List application keys (never their secrets): id, name, capabilities, bucket and prefix restrictions, expiry.")]
    [NeedsCapability(Capabilities.ListKeys)]
    public async Task<CallToolResult> ListKeys(
        [Description("Keys per page, 1-200; default 50.")] int limit = 50,
        [Description("nextCursor from the previous page, to continue.")] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var principal = caller.Principal;
        var page = await keys.ListAsync(principal, principal.AccountId, Math.Clamp(limit, 1, options.MaxListCount), cursor, KeyRestrictionShape.MultiBucket, cancellationToken);
        return ToolResults.Ok(new { keys = page.Keys.Select(Describe), nextCursor = page.NextApplicationKeyId }, options);
    }

    [McpServerTool(Name = "create_key", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Create an application key limited to some capabilities, buckets and a name prefix, optionally expiring. The secret is not shown here (unless the operator allows it); instead you get a short-lived agent token for the new key, to hand to a less trusted agent.")]
    [NeedsCapability(Capabilities.WriteKeys)]
    public async Task<CallToolResult> CreateKey(
        [Description("A name for the key: letters, digits and '-'.")] string keyName,
        [Description("What the key may do, e.g. [\"listBuckets\", \"listFiles\", \"readFiles\"].")] IReadOnlyList<string> capabilities,
        [Description("Restrict the key to these bucket ids; omit for all buckets.")] IReadOnlyList<string>? bucketIds = null,
        [Description("Restrict the key to file names starting with this; needs bucketIds.")] string? namePrefix = null,
        [Description("Lifetime in seconds; omit for a key that never expires.")] long? validDurationInSeconds = null,
        CancellationToken cancellationToken = default)
    {
        var principal = caller.Principal;
        var created = await keys.CreateAsync(principal, principal.AccountId, new NewKey(keyName, capabilities, validDurationInSeconds, bucketIds, namePrefix),
            KeyRestrictionShape.MultiBucket, cancellationToken);
        if (options.RevealSecrets)
        {
            return ToolResults.Ok(new { key = Describe(created.Key), applicationKey = created.Secret }, options);
        }
        var (token, expires) = auth.IssueAgentToken(new Principal(created.Key), null);
        return ToolResults.Ok(new
        {
            key = Describe(created.Key),
            applicationKey = "(withheld: secrets never enter the conversation; the operator can allow it with Cairn:Mcp:RevealSecrets)",
            agentToken = token,
            agentTokenExpirationTimestamp = expires,
        }, options);
    }

    private static object Describe(ApplicationKey key) => new
    {
        key.ApplicationKeyId,
        key.KeyName,
        key.Capabilities,
        key.BucketIds,
        key.NamePrefix,
        key.ExpirationTimestamp,
    };
}
