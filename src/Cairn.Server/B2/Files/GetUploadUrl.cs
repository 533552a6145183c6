using Cairn.Core.Files;
using Cairn.Server.B2.Links;
using Cairn.Server.B2.Wire;

namespace Cairn.Server.B2.Files;

/// <summary>b2_get_upload_url: every call hands out a distinct URL and token pair.</summary>
public static class GetUploadUrl
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var bucketId = call.Request.RequiredString("bucketId");
        var token = await call.Service<UploadService>().GetUploadUrlTokenAsync(principal, bucketId, call.Aborted);
        var url = B2Urls.UploadFile(B2Urls.BaseUrl(http), call.Version, bucketId);
        await call.WriteAsync(new GetUploadUrlResponse(token, bucketId, url), B2JsonContext.Default.GetUploadUrlResponse);
    }
}
