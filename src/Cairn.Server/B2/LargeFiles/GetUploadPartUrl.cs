using Cairn.Core.LargeFiles;
using Cairn.Server.B2.Links;
using Cairn.Server.B2.Wire;

namespace Cairn.Server.B2.LargeFiles;

/// <summary>b2_get_upload_part_url: every call hands out a distinct part URL and token pair for one large file.</summary>
public static class GetUploadPartUrl
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var fileId = call.Request.RequiredString("fileId");
        var token = await call.Service<LargeFileService>().GetUploadPartTokenAsync(principal, fileId, call.Aborted);
        var url = B2Urls.UploadPart(B2Urls.BaseUrl(http), call.Version, fileId);
        await call.WriteAsync(new GetUploadPartUrlResponse(token, fileId, url), B2JsonContext.Default.GetUploadPartUrlResponse);
    }
}
