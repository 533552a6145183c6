using Cairn.B2.Wire;
using Cairn.Core.Errors;
using Cairn.Core.LargeFiles;

namespace Cairn.B2.LargeFiles;

/// <summary>b2_finish_large_file: the file becomes an upload made of its parts, with no bytes copied.</summary>
public static class FinishLargeFile
{
    private const string UnverifiedPrefix = "unverified:";

    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var fileId = call.Request.RequiredString("fileId");
        // A part uploaded without a SHA-1 reports "unverified:<hex>"; clients echo that back, and the hex is what counts.
        var partSha1Array = (call.Request.StringArray("partSha1Array") ?? throw Fail.Required("partSha1Array"))
            .Select(sha1 => sha1.StartsWith(UnverifiedPrefix, StringComparison.Ordinal) ? sha1[UnverifiedPrefix.Length..] : sha1)
            .ToList();
        var finished = await call.Service<LargeFileService>().FinishLargeFileAsync(principal, fileId, partSha1Array, call.Aborted);
        await call.WriteAsync(B2Mapper.ToResponse(finished, call.Version, principal), B2JsonContext.Default.FileVersionResponse);
    }
}
