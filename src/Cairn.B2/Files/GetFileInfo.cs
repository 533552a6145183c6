using Cairn.B2.Wire;
using Cairn.Core.Files;

namespace Cairn.B2.Files;

/// <summary>b2_get_file_info: one version by id; unknown ids are 404 not_found.</summary>
public static class GetFileInfo
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var version = await call.Service<FileService>().GetFileInfoAsync(principal, call.Request.RequiredString("fileId"), call.Aborted);
        await call.WriteAsync(B2Mapper.ToResponse(version, call.Version, principal), B2JsonContext.Default.FileVersionResponse);
    }
}
