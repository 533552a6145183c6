namespace Cairn.B2.Wire;

/// <summary>
/// b2_create_agent_token (Cairn's own call): the bearer token an AI agent sends to the MCP endpoint, when it
/// expires, and the key whose capabilities and scope it carries.
/// </summary>
public sealed record AgentTokenResponse(
    string AgentToken,
    string ApplicationKeyId,
    IReadOnlyList<string>? BucketIds,
    IReadOnlyList<string> Capabilities,
    long ExpirationTimestamp,
    string McpUrl,
    string? NamePrefix);
