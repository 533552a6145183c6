using Cairn.B2.Wire;
using Cairn.Core.OAuth;

namespace Cairn.B2.Agents;

/// <summary>
/// b2_list_agent_grants, Cairn's addition: the MCP clients people approved on the consent page. A key sees the grants
/// it approved; with listKeys also those of other keys inside its scope.
/// </summary>
public static class ListAgentGrants
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var grants = await call.Service<OAuthService>().ListGrantsAsync(principal, call.Aborted);
        await call.WriteAsync(new AgentGrantsResponse(grants.Select(AgentGrantResponse.From).ToList()), B2JsonContext.Default.AgentGrantsResponse);
    }
}
