using Cairn.Core.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Cairn.Server.B2;

/// <summary>
/// Middleware that turns every failure into B2's error JSON: <see cref="CairnException"/> through
/// <see cref="B2ErrorMap"/>, malformed HTTP from Kestrel as 400, a missed route as 404 and a wrong method as 405.
/// Anything else is a bug: 500 <c>internal_error</c>, logged with its stack.
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
        catch (CairnException e)
        {
            var (status, code) = B2ErrorMap.Map(e.Error);
            if (status == 500)
            {
                LogInternal(_logger, http.Request.Method, http.Request.Path, e);
            }
            await WriteOrAbortAsync(http, status, code, e.Message, e.RetryAfterSeconds, e.CompleteLength);
        }
        catch (BadHttpRequestException e)
        {
            var timeout = e.StatusCode == StatusCodes.Status408RequestTimeout;
            await WriteOrAbortAsync(http, timeout ? 408 : 400, timeout ? B2ErrorCodes.RequestTimeout : B2ErrorCodes.BadRequest, e.Message, null);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogInternal(_logger, http.Request.Method, http.Request.Path, e);
            await WriteOrAbortAsync(http, 500, B2ErrorCodes.InternalError, "internal error", null);
        }
    }

    private static async Task WriteOrAbortAsync(HttpContext http, int status, string code, string message, int? retryAfter, long? completeLength = null)
    {
        if (http.Response.HasStarted)
        {
            // Part of a body is already on the wire: the only honest signal left is to cut the connection.
            http.Features.Get<IHttpResponseBodyFeature>()?.Writer.CancelPendingFlush();
            http.Abort();
            return;
        }
        await B2Results.WriteErrorAsync(http, status, code, message, retryAfter, completeLength);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Unhandled failure in {Method} {Path}; answered 500")]
    private static partial void LogInternal(ILogger logger, string method, PathString path, Exception exception);
}
