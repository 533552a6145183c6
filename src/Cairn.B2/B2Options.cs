namespace Cairn.B2;

/// <summary>What the host tells the B2 layer about its surroundings (set by the host, not bound from configuration).</summary>
public sealed class B2Options
{
    /// <summary>The base URL handed to clients (apiUrl, downloadUrl, upload URLs); null: the request's own scheme and host.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The path of the agent (MCP) endpoint that b2_create_agent_token names, and whose calls the request guard counts.</summary>
    public string? AgentEndpointPath { get; set; }
}
