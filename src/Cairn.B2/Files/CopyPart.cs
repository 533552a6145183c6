using Cairn.B2.Encryption;
using Cairn.B2.Wire;
using Cairn.Core.Errors;
using Cairn.Core.Files;

namespace Cairn.B2.Files;

/// <summary>b2_copy_part: a range of an existing file becomes one part of an unfinished large file.</summary>
public static class CopyPart
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var request = call.Request;
        var command = new CopyPartCommand
        {
            SourceFileId = request.RequiredString("sourceFileId"),
            LargeFileId = request.RequiredString("largeFileId"),
            PartNumber = request.Int("partNumber") ?? throw Fail.Required("partNumber"),
            Range = request.String("range") is { } range ? CopyRange.Parse(range) : null,
            SourceKey = SseWire.SourceKeyFromJson(request),
            DestinationEncryption = SseWire.FromJson(request, "destinationServerSideEncryption"),
        };
        var part = await call.Service<CopyService>().CopyPartAsync(principal, command, call.Aborted);
        await call.WriteAsync(B2Mapper.ToResponse(part), B2JsonContext.Default.PartResponse);
    }
}
