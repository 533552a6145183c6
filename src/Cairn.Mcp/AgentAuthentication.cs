using System.Text.Json;
using Cairn.Core.Auth;
using Cairn.Core.Errors;

namespace Cairn.Mcp;

/// <summary>
/// Middleware in front of <c>/mcp</c>: every request carries <c>Authorization: Bearer &lt;agent token&gt;</c>
/// (b2_create_agent_token). The token becomes the request's <see cref="McpCaller"/>; anything else is 401 with a
/// <c>WWW-Authenticate: Bearer</c> challenge, before the MCP server sees the request.
/// </summary>
public sealed class AgentAuthentication(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, AuthService auth, McpCaller caller)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        try
        {
            caller.Principal = await auth.AuthenticateAgentAsync(token, http.RequestAborted);
        }
        catch (CairnException e) when (e.Error is CairnError.MissingAuthToken or CairnError.BadAuthToken or CairnError.ExpiredAuthToken)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            var error = e.Error == CairnError.MissingAuthToken ? "invalid_request" : "invalid_token";
            http.Response.Headers.WWWAuthenticate = $"Bearer realm=\"cairn-mcp\", error=\"{error}\", error_description=\"{e.Message.Replace('"', '\'')}\"";
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["error"] = error,
                ["message"] = e.Message + ". Mint a token with b2_create_agent_token (see /llms.txt).",
            }), http.RequestAborted);
            return;
        }
        await next(http);
    }
}
