using Cairn.B2.Wire;
using Cairn.Core.FileLock;

namespace Cairn.B2.FileLock;

/// <summary>b2_update_file_legal_hold: turn a version's legal hold on or off.</summary>
public static class UpdateFileLegalHold
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var request = call.Request;
        var version = await call.Service<FileLockService>().UpdateLegalHoldAsync(principal, request.RequiredString("fileId"), request.RequiredString("fileName"),
            request.RequiredString("legalHold"), call.Aborted);
        await call.WriteAsync(new UpdateFileLegalHoldResponse(version.FileId, version.FileName, version.LegalHold), B2JsonContext.Default.UpdateFileLegalHoldResponse);
    }
}
