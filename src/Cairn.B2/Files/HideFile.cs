using Cairn.B2.Wire;
using Cairn.Core.Files;

namespace Cairn.B2.Files;

/// <summary>b2_hide_file: adds a hide marker as the newest version of the name.</summary>
public static class HideFile
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var marker = await call.Service<FileService>().HideFileAsync(principal, call.Request.RequiredString("bucketId"), call.Request.RequiredString("fileName"), call.Aborted);
        await call.WriteAsync(B2Mapper.ToResponse(marker, call.Version, principal), B2JsonContext.Default.FileVersionResponse);
    }
}
