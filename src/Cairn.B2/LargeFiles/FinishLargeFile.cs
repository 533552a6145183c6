using Cairn.B2.Wire;
using Cairn.Core.Errors;
using Cairn.Core.LargeFiles;

namespace Cairn.B2.LargeFiles;

/// <summary>b2_finish_large_file: the file becomes an upload made of its parts, with no bytes copied.</summary>
public static class FinishLargeFile
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var fileId = call.Request.RequiredString("fileId");
        var partSha1Array = call.Request.StringArray("partSha1Array") ?? throw Fail.Required("partSha1Array");
        var finished = await call.Service<LargeFileService>().FinishLargeFileAsync(principal, fileId, partSha1Array, call.Aborted);
        await call.WriteAsync(B2Mapper.ToResponse(finished, call.Version, principal), B2JsonContext.Default.FileVersionResponse);
    }
}
