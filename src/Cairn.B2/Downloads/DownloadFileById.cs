using Cairn.B2.Cors;
using Cairn.B2.Wire;
using Cairn.Core.Files;

namespace Cairn.B2.Downloads;

/// <summary>b2_download_file_by_id: GET or HEAD with <c>?fileId=</c>, or POST with <c>{"fileId"}</c>; any version, by id.</summary>
public static class DownloadFileById
{
    public static async Task HandleAsync(HttpContext http)
    {
        var request = await B2Request.ReadAsync(http.Request, http.RequestAborted);
        var fileId = request.RequiredString("fileId");
        var caller = await DownloadResponder.AuthenticateAsync(http);
        var download = await http.RequestServices.GetRequiredService<DownloadService>().ByIdAsync(caller, fileId, http.RequestAborted);
        await DownloadResponder.WriteAsync(http, download, B2Cors.DownloadById, caller.Account);
    }
}
