using Cairn.B2.Wire;
using Cairn.Core.LargeFiles;

namespace Cairn.B2.LargeFiles;

/// <summary>b2_list_parts: the parts of an unfinished large file, ascending, with <c>nextPartNumber</c> to page on.</summary>
public static class ListParts
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var page = await call.Service<LargeFileService>().ListPartsAsync(
            principal,
            call.Request.RequiredString("fileId"),
            call.Request.Int("startPartNumber"),
            call.Request.Int("maxPartCount"),
            call.Aborted);
        await call.WriteAsync(new ListPartsResponse(page.NextPartNumber, page.Parts.Select(B2Mapper.ToResponse).ToList()), B2JsonContext.Default.ListPartsResponse);
    }
}
