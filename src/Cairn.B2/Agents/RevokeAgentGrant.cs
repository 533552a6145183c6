using Cairn.B2.Wire;
using Cairn.Core.OAuth;

namespace Cairn.B2.Agents;

/// <summary>
/// b2_revoke_agent_grant, Cairn's addition: ends a grant and every token of it at once. A key revokes the grants it
/// approved; with deleteKeys also those of other keys inside its scope.
/// </summary>
public static class RevokeAgentGrant
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var grant = await call.Service<OAuthService>().RevokeGrantAsync(principal, call.Request.RequiredString("grantId"), call.Aborted);
        await call.WriteAsync(AgentGrantResponse.From(grant), B2JsonContext.Default.AgentGrantResponse);
    }
}
