using Cairn.Core.Errors;
using Cairn.Core.Ids;
using Cairn.Core.Limits;
using Cairn.S3.Auth;
using Cairn.S3.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Cairn.S3;

/// <summary>
/// Answers every request signed for S3 (SigV4 in the <c>Authorization</c> header or a presigned query) on the port
/// B2 uses; everything else goes on to the B2 pipeline. Verifies the signature, counts the transaction as B2 calls
/// are counted, dispatches through <see cref="S3Routes"/>, and turns every failure into S3's XML error.
/// </summary>
public sealed partial class S3Middleware
{
    private readonly RequestDelegate _next;
    private readonly SigV4Verifier _verifier;
    private readonly AccountCaps _caps;
    private readonly ILogger<S3Middleware> _logger;

    public S3Middleware(RequestDelegate next, SigV4Verifier verifier, AccountCaps caps, ILogger<S3Middleware> logger)
    {
        _next = next;
        _verifier = verifier;
        _caps = caps;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext http)
    {
        if (!SigV4Verifier.IsS3Request(http.Request))
        {
            await _next(http);
            return;
        }
        var requestId = IdGenerator.RandomHex(16).ToUpperInvariant();
        http.Response.Headers["x-amz-request-id"] = requestId;
        try
        {
            var caller = await _verifier.VerifyAsync(http);
            _caps.CountTransaction();
            await S3Routes.DispatchAsync(http, caller);
        }
        catch (S3Exception e)
        {
            await WriteErrorAsync(http, e.Status, e.Code, e.Message, requestId);
        }
        catch (CairnException e)
        {
            var (status, code) = S3ErrorMap.Map(e.Error);
            if (status == 500)
            {
                LogInternal(_logger, http.Request.Method, http.Request.Path, e);
            }
            else if (e.InnerException is not null)
            {
                // Refused because of the server's own trouble (a full disk): the operator must hear of it, as B2's
                // error handler tells it.
                LogStorageTrouble(_logger, http.Request.Method, http.Request.Path, status, e);
            }
            if (e.RetryAfterSeconds is { } retryAfter && !http.Response.HasStarted)
            {
                http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            await WriteErrorAsync(http, status, code, e.Message, requestId);
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(http, 400, e.StatusCode == 408 ? S3ErrorCodes.RequestTimeout : S3ErrorCodes.InvalidRequest, e.Message, requestId);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogInternal(_logger, http.Request.Method, http.Request.Path, e);
            await WriteErrorAsync(http, 500, S3ErrorCodes.InternalError, "We encountered an internal error. Please try again.", requestId);
        }
    }

    /// <summary>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;Resource/&gt;&lt;RequestId/&gt;&lt;/Error&gt;; HEAD answers get the status alone.</summary>
    private static async Task WriteErrorAsync(HttpContext http, int status, string code, string message, string requestId)
    {
        if (http.Response.HasStarted)
        {
            http.Features.Get<IHttpResponseBodyFeature>()?.Writer.CancelPendingFlush();
            http.Abort();
            return;
        }
        http.Response.Headers.ContentRange = default;
        http.Response.Headers.ETag = default;
        http.Response.Headers["x-amz-request-id"] = requestId;
        if (HttpMethods.IsHead(http.Request.Method))
        {
            http.Response.StatusCode = status;
            http.Response.ContentLength = 0;
            return;
        }
        var body = new System.Xml.Linq.XElement("Error",
            new System.Xml.Linq.XElement("Code", code),
            new System.Xml.Linq.XElement("Message", message),
            new System.Xml.Linq.XElement("Resource", http.Request.Path.Value),
            new System.Xml.Linq.XElement("RequestId", requestId));
        await S3Xml.WriteAsync(http, body, status);
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "S3 {Method} {Path} refused with {Status}: the server's storage failed")]
    private static partial void LogStorageTrouble(ILogger logger, string method, PathString path, int status, Exception exception);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Error, Message = "Unhandled failure in S3 {Method} {Path}; answered 500")]
    private static partial void LogInternal(ILogger logger, string method, PathString path, Exception exception);
}
