using Cairn.B2.Wire;
using Cairn.Core.FileLock;

namespace Cairn.B2.FileLock;

/// <summary>b2_update_file_retention: set, extend, or (governance, with bypass) shorten or remove a version's retention.</summary>
public static class UpdateFileRetention
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var request = call.Request;
        var version = await call.Service<FileLockService>().UpdateRetentionAsync(principal, request.RequiredString("fileId"), request.RequiredString("fileName"),
            LockParser.Retention(request), request.Bool("bypassGovernance") ?? false, call.Aborted);
        await call.WriteAsync(new UpdateFileRetentionResponse(version.FileId, version.FileName, B2Mapper.ToResponse(version.Retention)),
            B2JsonContext.Default.UpdateFileRetentionResponse);
    }
}
