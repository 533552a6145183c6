using Cairn.Core.Files;
using Cairn.Core.Ids;
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
        var url = $"{B2Call.BaseUrl(http)}/b2api/v{call.Version}/b2_upload_file/{bucketId}/c{IdGenerator.Cluster}_{IdGenerator.RandomHex(12)}";
        await call.WriteAsync(new GetUploadUrlResponse(token, bucketId, url), B2JsonContext.Default.GetUploadUrlResponse);
    }
}
