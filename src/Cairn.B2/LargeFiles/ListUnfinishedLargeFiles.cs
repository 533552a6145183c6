using Cairn.B2.Wire;
using Cairn.Core.LargeFiles;

namespace Cairn.B2.LargeFiles;

/// <summary>b2_list_unfinished_large_files: <c>start</c> versions of a bucket, oldest first, at most 100 per call.</summary>
public static class ListUnfinishedLargeFiles
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var page = await call.Service<LargeFileService>().ListUnfinishedLargeFilesAsync(
            principal,
            call.Request.RequiredString("bucketId"),
            call.Request.String("namePrefix"),
            call.Request.String("startFileId"),
            call.Request.Int("maxFileCount"),
            call.Aborted);
        var files = page.Files.Select(f => B2Mapper.ToResponse(f, call.Version, principal)).ToList();
        await call.WriteAsync(new ListUnfinishedLargeFilesResponse(files, page.NextFileId, null), B2JsonContext.Default.ListUnfinishedLargeFilesResponse);
    }
}
