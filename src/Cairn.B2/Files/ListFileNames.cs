using Cairn.B2.Wire;
using Cairn.Core.Files;

namespace Cairn.B2.Files;

/// <summary>b2_list_file_names: the visible names, one entry each, with optional delimiter folders.</summary>
public static class ListFileNames
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var query = ReadQuery(call.Request, versions: false);
        var page = await call.Service<ListingService>().ListFileNamesAsync(principal, query, call.Aborted);
        var files = page.Entries.Select(e => B2Mapper.ToResponse(e, principal.AccountId, query.BucketId, call.Version, principal)).ToList();
        await call.WriteAsync(new ListFileNamesResponse(files, page.NextFileName), B2JsonContext.Default.ListFileNamesResponse);
    }

    public static ListFilesQuery ReadQuery(B2Request request, bool versions) => new()
    {
        BucketId = request.RequiredString("bucketId"),
        Prefix = request.String("prefix"),
        Delimiter = request.String("delimiter"),
        StartFileName = request.String("startFileName"),
        StartFileId = versions ? request.String("startFileId") : null,
        MaxFileCount = request.Int("maxFileCount"),
    };
}
