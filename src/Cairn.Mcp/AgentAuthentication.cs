using System.Text.Json;
using Cairn.Core.Auth;
using Cairn.Core.Errors;
using Cairn.Core.OAuth;
using Cairn.Mcp.OAuth;

namespace Cairn.Mcp;

/// <summary>
/// Middleware in front of <c>/mcp</c>: every request carries <c>Authorization: Bearer &lt;token&gt;</c>, either an
/// OAuth access token (MCP authorization: issued for this endpoint through the consent page) or an agent token
/// (b2_create_agent_token, for scripts). The token becomes the request's <see cref="McpCaller"/>; anything else is 401
/// with <c>WWW-Authenticate: Bearer resource_metadata="…"</c> (RFC 9728 §5.1), which is how an MCP client that has
/// only the URL finds where to sign in.
/// </summary>
public sealed class AgentAuthentication(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, AuthService auth, OAuthService oauth, McpCaller caller)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        try
        {
            caller.Principal = OAuthService.IsAccessToken(token)
                ? await oauth.AuthenticateAsync(token!, OAuthUrls.Resource(http), http.RequestAborted)
                : await auth.AuthenticateAgentAsync(token, http.RequestAborted);
        }
        catch (CairnException e) when (e.Error is CairnError.MissingAuthToken or CairnError.BadAuthToken or CairnError.ExpiredAuthToken)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            var metadata = $"resource_metadata=\"{OAuthUrls.ResourceMetadata(http)}\"";
            // RFC 6750 §3.1: a request without credentials gets the challenge alone, without an error code.
            http.Response.Headers.WWWAuthenticate = e.Error == CairnError.MissingAuthToken
                ? $"Bearer {metadata}"
                : $"Bearer {metadata}, error=\"invalid_token\", error_description=\"{e.Message.Replace('"', '\'')}\"";
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["error"] = e.Error == CairnError.MissingAuthToken ? "invalid_request" : "invalid_token",
                ["message"] = e.Message + ". Sign in through OAuth (the resource metadata in WWW-Authenticate), or mint a token with b2_create_agent_token (see /llms.txt).",
            }), http.RequestAborted);
            return;
        }
        await next(http);
    }
}
