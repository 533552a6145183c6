using Cairn.B2.Wire;
using Cairn.Core.Files;

namespace Cairn.B2.Downloads;

/// <summary>
/// b2_get_download_authorization: a token for downloads by name under a prefix, valid for a while, optionally bound to
/// b2Content* overrides that every download using it must repeat.
/// </summary>
public static class GetDownloadAuthorization
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var request = call.Request;
        var bucketId = request.RequiredString("bucketId");
        var prefix = request.RequiredString("fileNamePrefix");
        var duration = request.Long("validDurationInSeconds") ?? throw Core.Errors.Fail.Required("validDurationInSeconds");
        var bound = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (queryName, header) in DownloadResponder.QueryOverrides)
        {
            if (request.String(queryName) is { Length: > 0 } value)
            {
                bound[header] = value;
            }
        }
        var token = await call.Service<DownloadService>().AuthorizeDownloadAsync(principal, bucketId, prefix, duration, bound, call.Aborted);
        await call.WriteAsync(new GetDownloadAuthorizationResponse(token, bucketId, prefix), B2JsonContext.Default.GetDownloadAuthorizationResponse);
    }
}
