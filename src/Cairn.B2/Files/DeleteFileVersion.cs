using Cairn.B2.Wire;
using Cairn.Core.Files;

namespace Cairn.B2.Files;

/// <summary>b2_delete_file_version: removes exactly one version; the next-newest becomes current.</summary>
public static class DeleteFileVersion
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var deleted = await call.Service<FileService>().DeleteFileVersionAsync(principal, call.Request.RequiredString("fileId"), call.Request.RequiredString("fileName"),
            call.Request.Bool("bypassGovernance") ?? false, call.Aborted);
        await call.WriteAsync(new DeleteFileVersionResponse(deleted.FileId, deleted.FileName), B2JsonContext.Default.DeleteFileVersionResponse);
    }
}
