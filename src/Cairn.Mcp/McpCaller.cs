using Cairn.Core.Auth;

namespace Cairn.Mcp;

/// <summary>The agent behind the current MCP request, set from its bearer token before any tool runs (one per request).</summary>
public sealed class McpCaller
{
    private Principal? _principal;

    public Principal Principal
    {
        get => _principal ?? throw new InvalidOperationException("the MCP request was not authenticated");
        set => _principal = value;
    }

    public bool IsAuthenticated => _principal is not null;
}
