using Cairn.B2.Cors;
using Cairn.B2.Wire;
using Cairn.Core.Errors;
using Cairn.Core.Files;
using Microsoft.AspNetCore.Http.Features;

namespace Cairn.B2.Downloads;

/// <summary>
/// <c>/file/BUCKET/NAME</c>: the current version of a name, if it is not hidden. The name is read from the raw request
/// target and decoded with B2's rules (<c>+</c> is a space), not ASP.NET's.
/// </summary>
public static class DownloadFileByName
{
    public static async Task HandleAsync(HttpContext http)
    {
        var (bucketName, fileName) = ParseTarget(http);
        var caller = await DownloadResponder.AuthenticateAsync(http);
        var download = await http.RequestServices.GetRequiredService<DownloadService>().ByNameAsync(caller, bucketName, fileName,
            DownloadResponder.RequestedOverrides(http), http.RequestAborted);
        await DownloadResponder.WriteAsync(http, download, B2Cors.DownloadByName, caller.Account);
    }

    private static (string Bucket, string Name) ParseTarget(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? raw : raw[..query];
        const string Prefix = "/file/";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw Fail.NotFound("Not found");
        }
        var rest = path[Prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == rest.Length - 1)
        {
            throw Fail.NotFound("Not found: /file/ needs a bucket name and a file name");
        }
        var bucket = B2PercentEncoding.Decode(rest[..slash], "bucket name");
        var name = B2PercentEncoding.Decode(rest[(slash + 1)..], "file name");
        return (bucket, name);
    }
}
