using Cairn.Core.Errors;
using Cairn.Server.B2.Rejections;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Cairn.Server.B2;

/// <summary>
/// Middleware that turns every failure into B2's error JSON: <see cref="CairnException"/> through
/// <see cref="B2ErrorMap"/>, malformed HTTP from Kestrel as 400 (requests Kestrel refuses before any middleware:
/// <see cref="KestrelRejections"/>), a missed route as 404 and a wrong method as 405.
/// A client that went away mid-request is noted at Information, since that is its doing. Anything else is a bug:
/// 500 <c>internal_error</c>, logged with its stack.
/// </summary>
public sealed partial class B2ErrorHandler
{
    private readonly RequestDelegate _next;
    private readonly ILogger<B2ErrorHandler> _logger;

    public B2ErrorHandler(RequestDelegate next, ILogger<B2ErrorHandler> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext http)
    {
        RequestTracker.Enter(http);
        try
        {
            await _next(http);
            if (!http.Response.HasStarted && http.Response.StatusCode is 404 or 405)
            {
                var status = http.Response.StatusCode;
                await B2Results.WriteErrorAsync(http, status, status == 404 ? B2ErrorCodes.NotFound : B2ErrorCodes.MethodNotAllowed,
                    status == 404 ? $"Not found: {http.Request.Path}" : $"Method {http.Request.Method} is not allowed on {http.Request.Path}");
            }
        }
        catch (Exception e) when (ClientWentAway(http, e))
        {
            // The client reset or dropped the connection mid-request: its doing, not a fault, and nobody to answer.
            LogClientWentAway(_logger, http.Request.Method, http.Request.Path, e.GetType().Name);
            http.Abort();
        }
        catch (CairnException e)
        {
            var (status, code) = B2ErrorMap.Map(e.Error);
            if (status == 500)
            {
                LogInternal(_logger, http.Request.Method, http.Request.Path, e);
            }
            else if (e.InnerException is not null)
            {
                // Refused because of the server's own trouble (a full disk): the operator must hear of it.
                LogStorageTrouble(_logger, http.Request.Method, http.Request.Path, status, e);
            }
            await WriteOrAbortAsync(http, status, code, e.Message, e.RetryAfterSeconds, e.CompleteLength);
        }
        catch (BadHttpRequestException e)
        {
            var timeout = e.StatusCode == StatusCodes.Status408RequestTimeout;
            await WriteOrAbortAsync(http, timeout ? 408 : 400, timeout ? B2ErrorCodes.RequestTimeout : B2ErrorCodes.BadRequest, e.Message, null);
        }
        catch (Exception e)
        {
            LogInternal(_logger, http.Request.Method, http.Request.Path, e);
            await WriteOrAbortAsync(http, 500, B2ErrorCodes.InternalError, "internal error", null);
        }
    }

    /// <summary>
    /// True when the failure is the connection going away under the request: the request was aborted, or the
    /// transport reported a reset or abort before Kestrel got to signal <see cref="HttpContext.RequestAborted"/>.
    /// </summary>
    private static bool ClientWentAway(HttpContext http, Exception e) =>
        http.RequestAborted.IsCancellationRequested
        || e is ConnectionResetException or ConnectionAbortedException
        || e.InnerException is ConnectionResetException or ConnectionAbortedException;

    private static async Task WriteOrAbortAsync(HttpContext http, int status, string code, string message, int? retryAfter, long? completeLength = null)
    {
        if (http.Response.HasStarted)
        {
            // Part of a body is already on the wire: the only honest signal left is to cut the connection.
            http.Features.Get<IHttpResponseBodyFeature>()?.Writer.CancelPendingFlush();
            http.Abort();
            return;
        }
        try
        {
            await B2Results.WriteErrorAsync(http, status, code, message, retryAfter, completeLength);
        }
        catch (Exception e) when (ClientWentAway(http, e))
        {
            // Gone while we answered (a body cut short by a reset, say): nothing left to tell it.
            http.Abort();
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "The client went away during {Method} {Path} ({Reason}); nothing answered")]
    private static partial void LogClientWentAway(ILogger logger, string method, PathString path, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Method} {Path} refused with {Status}: the server's storage failed")]
    private static partial void LogStorageTrouble(ILogger logger, string method, PathString path, int status, Exception exception);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Unhandled failure in {Method} {Path}; answered 500")]
    private static partial void LogInternal(ILogger logger, string method, PathString path, Exception exception);
}
