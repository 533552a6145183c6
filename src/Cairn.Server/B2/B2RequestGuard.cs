using System.Threading.RateLimiting;
using Cairn.Core.Errors;
using Cairn.Core.Limits;

namespace Cairn.Server.B2;

/// <summary>
/// Middleware in front of every B2 call: the account's request rate (429 <c>too_many_requests</c> with
/// <c>Retry-After</c>), injected faults (<c>X-Bz-Test-Mode</c> and <c>Cairn:Faults</c>) and the daily transaction cap.
/// The decisions are Core's (<see cref="FaultPolicy"/>, <see cref="AccountCaps"/>); this only classifies the request and
/// throws, so <see cref="B2ErrorHandler"/> writes B2's error.
/// </summary>
public sealed class B2RequestGuard : IDisposable
{
    public const string TestModeHeader = "X-Bz-Test-Mode";

    private readonly RequestDelegate _next;
    private readonly FaultPolicy _faults;
    private readonly AccountCaps _caps;
    private readonly TokenBucketRateLimiter? _limiter;

    public B2RequestGuard(RequestDelegate next, FaultPolicy faults, AccountCaps caps, RateLimitOptions rateLimit)
    {
        _next = next;
        _faults = faults;
        _caps = caps;
        if (rateLimit.RequestsPerSecond > 0)
        {
            var burst = rateLimit.Burst > 0 ? rateLimit.Burst : rateLimit.RequestsPerSecond;
            _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = rateLimit.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }
    }

    public async Task InvokeAsync(HttpContext http)
    {
        if (KindOf(http.Request.Path) is not { } kind)
        {
            await _next(http);
            return;
        }
        if (_limiter is not null)
        {
            using var lease = _limiter.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                throw new CairnException(CairnError.RateLimited, "too many requests; retry after the Retry-After delay", retryAfter);
            }
        }
        var testMode = http.Request.Headers[TestModeHeader].ToString();
        if (_faults.Decide(kind, testMode.Length == 0 ? null : testMode.Trim().ToLowerInvariant(), TokenOf(http)) is { } fault)
        {
            throw fault;
        }
        _caps.CountTransaction();
        await _next(http);
    }

    /// <summary>The request's authorization token: the <c>Authorization</c> header, or the <c>Authorization</c> query parameter of a download.</summary>
    private static string? TokenOf(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            return header;
        }
        var query = http.Request.Query["Authorization"].ToString();
        return query.Length > 0 ? query : null;
    }

    /// <summary>The kind of a B2 request, from its path; null for anything that is not the B2 API.</summary>
    public static RequestKind? KindOf(PathString path)
    {
        var value = path.Value ?? "";
        if (value.StartsWith("/file/", StringComparison.Ordinal))
        {
            return RequestKind.Download;
        }
        if (value.StartsWith(Mcp.McpEndpoints.Path, StringComparison.Ordinal))
        {
            // MCP tool calls are object-service calls too: the same rate limit and transaction cap apply.
            return RequestKind.Other;
        }
        if (!value.StartsWith("/b2api/", StringComparison.Ordinal))
        {
            return null;
        }
        return value switch
        {
            _ when value.Contains("/b2_authorize_account", StringComparison.Ordinal) => RequestKind.Authorize,
            _ when value.Contains("/b2_upload_file/", StringComparison.Ordinal) || value.Contains("/b2_upload_part/", StringComparison.Ordinal) => RequestKind.Upload,
            _ when value.Contains("/b2_download_file_by_id", StringComparison.Ordinal) => RequestKind.Download,
            _ => RequestKind.Other,
        };
    }

    public void Dispose() => _limiter?.Dispose();
}
