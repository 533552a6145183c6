using Cairn.B2.Wire;
using Cairn.Core.LargeFiles;

namespace Cairn.B2.LargeFiles;

/// <summary>b2_cancel_large_file: removes the unfinished file and its parts.</summary>
public static class CancelLargeFile
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var cancelled = await call.Service<LargeFileService>().CancelLargeFileAsync(principal, call.Request.RequiredString("fileId"), call.Aborted);
        await call.WriteAsync(new CancelLargeFileResponse(cancelled.AccountId, cancelled.BucketId, cancelled.FileId, cancelled.FileName), B2JsonContext.Default.CancelLargeFileResponse);
    }
}
