using Cairn.Core.Auth;
using Cairn.Server.B2.Links;
using Cairn.Server.B2.Wire;
using Cairn.Server.Mcp;

namespace Cairn.Server.B2.Agents;

/// <summary>
/// b2_create_agent_token, Cairn's addition to the B2 API: trades the caller's account authorization token for a
/// short-lived bearer token for the MCP endpoint. The agent gets the key's capabilities and scope, never its secret.
/// </summary>
public static class CreateAgentToken
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var (token, expires) = call.Service<AuthService>().IssueAgentToken(principal, call.Request.Long("validDurationInSeconds"));
        var key = principal.Key;
        await call.WriteAsync(new AgentTokenResponse(token, key.ApplicationKeyId, key.BucketIds, key.Capabilities, expires,
            B2Urls.BaseUrl(http) + McpEndpoints.Path, key.NamePrefix), B2JsonContext.Default.AgentTokenResponse);
    }
}
