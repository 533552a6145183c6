namespace Cairn.Mcp;

/// <summary>What the host tells the MCP layer about where it is reachable (set by the host, not bound from configuration).</summary>
public sealed class McpSiteOptions
{
    /// <summary>Cairn's base URL as clients reach it (the OAuth issuer); null: the request's own scheme and host.</summary>
    public string? PublicUrl { get; set; }
}
