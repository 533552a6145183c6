using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cairn.Server.B2.Wire;

namespace Cairn.Server.B2;

/// <summary>Writes B2 JSON replies with B2's headers. Nothing else writes B2 error bodies.</summary>
public static class B2Results
{
    public const string JsonContentType = "application/json;charset=UTF-8";
    public const string ErrorContentType = "application/json;charset=utf-8";
    public const string NoCache = "max-age=0, no-cache, no-store";

    public static async Task WriteJsonAsync<T>(HttpContext http, T value, JsonTypeInfo<T> typeInfo)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = JsonContentType;
        http.Response.Headers.CacheControl = NoCache;
        await JsonSerializer.SerializeAsync(http.Response.Body, value, typeInfo, http.RequestAborted);
    }

    /// <summary>
    /// Writes <c>{"code","message","status"}</c>; HEAD requests get the status and headers only. For a 416,
    /// <paramref name="completeLength"/> (the size the range missed) goes out as <c>Content-Range: bytes */size</c>
    /// (RFC 9110 §15.5.17).
    /// </summary>
    public static async Task WriteErrorAsync(HttpContext http, int status, string code, string message, int? retryAfterSeconds = null, long? completeLength = null)
    {
        var response = http.Response;
        response.Clear();
        response.StatusCode = status;
        response.Headers.CacheControl = NoCache;
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (status == StatusCodes.Status416RangeNotSatisfiable && completeLength is { } length)
        {
            response.Headers.ContentRange = "bytes */" + length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (status == StatusCodes.Status401Unauthorized && http.Request.Path.Value?.EndsWith("/b2_authorize_account", StringComparison.Ordinal) == true)
        {
            response.Headers.WWWAuthenticate = "BASIC realm=\"authorize_account\"";
        }
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }
        response.ContentType = ErrorContentType;
        await JsonSerializer.SerializeAsync(response.Body, new ErrorResponse(code, message, status), B2JsonContext.Default.ErrorResponse, CancellationToken.None);
    }
}
