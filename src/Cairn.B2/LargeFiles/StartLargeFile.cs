using Cairn.B2.Encryption;
using Cairn.B2.FileLock;
using Cairn.B2.Wire;
using Cairn.Core.LargeFiles;

namespace Cairn.B2.LargeFiles;

/// <summary>b2_start_large_file: answers the new file's <c>start</c> version.</summary>
public static class StartLargeFile
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var request = call.Request;
        var command = new StartLargeFileCommand
        {
            BucketId = request.RequiredString("bucketId"),
            FileName = request.RequiredString("fileName"),
            ContentType = request.RequiredString("contentType"),
            FileInfo = request.StringMap("fileInfo") ?? [],
            // Newer b2sdk sends the snake_case key (b2-api/large-files.md); both mean the same.
            CustomUploadTimestamp = request.Long("customUploadTimestamp") ?? request.Long("custom_upload_timestamp"),
            Lock = LockParser.FromJson(request),
            Encryption = SseWire.FromJson(request, "serverSideEncryption"),
        };
        var started = await call.Service<LargeFileService>().StartLargeFileAsync(principal, command, call.Aborted);
        await call.WriteAsync(B2Mapper.ToResponse(started, call.Version, principal), B2JsonContext.Default.FileVersionResponse);
    }
}
