using System.Text.Json.Nodes;
using Cairn.Core.OAuth;

namespace Cairn.Mcp.OAuth;

/// <summary>Writes OAuth's JSON answers: never cached (RFC 6749 §5.1), errors as <c>{"error","error_description"}</c>.</summary>
public static class OAuthResults
{
    public static async Task JsonAsync(HttpContext http, JsonObject body, int status = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }

    public static Task ErrorAsync(HttpContext http, OAuthException e)
    {
        var (status, code) = OAuthErrorMap.Map(e.Error);
        return JsonAsync(http, new JsonObject { ["error"] = code, ["error_description"] = e.Message }, status);
    }

    public static Task ErrorAsync(HttpContext http, int status, string code, string description) =>
        JsonAsync(http, new JsonObject { ["error"] = code, ["error_description"] = description }, status);

    public static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
