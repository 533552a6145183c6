using System.Globalization;
using Cairn.Core.Buckets;
using Microsoft.Extensions.Primitives;

namespace Cairn.Server.B2.Cors;

/// <summary>
/// Bucket CORS rules on the wire: response headers on downloads and uploads whose <c>Origin</c> a rule allows, and
/// answers to browsers' preflight <c>OPTIONS</c> requests. Rules and matching are the object service's (<see cref="CorsRules"/>).
/// </summary>
public static class B2Cors
{
    public const string DownloadByName = "b2_download_file_by_name";
    public const string DownloadById = "b2_download_file_by_id";
    public const string UploadFile = "b2_upload_file";
    public const string UploadPart = "b2_upload_part";

    /// <summary>Adds the CORS response headers when the request comes from an origin a rule of the bucket allows.</summary>
    public static void Apply(HttpContext http, Bucket bucket, string operation)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return;
        }
        var rule = CorsRules.Match(bucket, origin, operation);
        if (rule is null)
        {
            return;
        }
        var headers = http.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Vary = "Origin";
        if (rule.ExposeHeaders.Count > 0)
        {
            headers.AccessControlExposeHeaders = string.Join(", ", rule.ExposeHeaders);
        }
    }

    /// <summary>
    /// Answers a preflight: 200 with the allowed origin, method, headers and max age when a rule allows it; otherwise
    /// 403 with no CORS headers, which the browser reports as a failed request.
    /// </summary>
    public static async Task PreflightAsync(HttpContext http, Bucket? bucket, string operation, string method)
    {
        var origin = http.Request.Headers.Origin.ToString();
        var requestedMethod = http.Request.Headers.AccessControlRequestMethod.ToString();
        var requestedHeaders = http.Request.Headers.AccessControlRequestHeaders.ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rule = bucket is null || origin.Length == 0 ? null : CorsRules.Match(bucket, origin, operation);
        var methodOk = method.Split(", ").Contains(requestedMethod, StringComparer.OrdinalIgnoreCase);
        if (rule is null || !methodOk || !CorsRules.AllowsHeaders(rule, requestedHeaders)
            || !StringValues.IsNullOrEmpty(http.Request.Headers.Authorization))
        {
            await B2Results.WriteErrorAsync(http, StatusCodes.Status403Forbidden, B2ErrorCodes.AccessDenied,
                "The CORS rules of this bucket do not allow this cross-origin request");
            return;
        }
        var headers = http.Response.Headers;
        http.Response.StatusCode = StatusCodes.Status200OK;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowMethods = method;
        if (requestedHeaders.Length > 0)
        {
            headers.AccessControlAllowHeaders = string.Join(", ", requestedHeaders);
        }
        headers.AccessControlMaxAge = rule.MaxAgeSeconds.ToString(CultureInfo.InvariantCulture);
        headers.Vary = "Origin";
        http.Response.ContentLength = 0;
    }
}
