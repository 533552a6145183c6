using Cairn.Core.OAuth;

namespace Cairn.B2.Wire;

/// <summary>
/// One agent grant (Cairn's own calls b2_list_agent_grants and b2_revoke_agent_grant): which MCP client may act for
/// which key, with what it may do. Never a token or code.
/// </summary>
public sealed record AgentGrantResponse(
    string GrantId,
    string ClientId,
    string ClientName,
    string ApplicationKeyId,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<string>? BucketIds,
    string? NamePrefix,
    long CreatedAt,
    long ExpirationTimestamp)
{
    public static AgentGrantResponse From(AgentGrant grant) => new(grant.GrantId, grant.ClientId, grant.ClientName, grant.ApplicationKeyId,
        grant.Capabilities, grant.BucketIds, grant.NamePrefix, grant.CreatedAt, grant.ExpiresAt);
}

/// <summary>b2_list_agent_grants: the grants the caller's key may see.</summary>
public sealed record AgentGrantsResponse(IReadOnlyList<AgentGrantResponse> Grants);
