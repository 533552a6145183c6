using Cairn.B2.Encryption;
using Cairn.B2.FileLock;
using Cairn.B2.Wire;
using Cairn.Core.Files;

namespace Cairn.B2.Files;

/// <summary>b2_copy_file: a server-side copy, answered with <c>action: "copy"</c> (it is stored and listed as an upload).</summary>
public static class CopyFile
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var request = call.Request;
        var command = new CopyFileCommand
        {
            SourceFileId = request.RequiredString("sourceFileId"),
            FileName = request.RequiredString("fileName"),
            DestinationBucketId = request.String("destinationBucketId"),
            Range = request.String("range") is { } range ? CopyRange.Parse(range) : null,
            MetadataDirective = request.String("metadataDirective"),
            ContentType = request.String("contentType"),
            FileInfo = request.StringMap("fileInfo"),
            Lock = LockParser.FromJson(request),
            SourceKey = SseWire.SourceKeyFromJson(request),
            DestinationEncryption = SseWire.FromJson(request, "destinationServerSideEncryption"),
        };
        var copy = await call.Service<CopyService>().CopyFileAsync(principal, command, call.Aborted);
        await call.WriteAsync(B2Mapper.ToResponse(copy, call.Version, principal, actionOverride: "copy"), B2JsonContext.Default.FileVersionResponse);
    }
}
