using Cairn.B2.Wire;
using Cairn.Core.Files;

namespace Cairn.B2.Files;

/// <summary>b2_list_file_versions: every version (uploads, hide markers, unfinished large files), newest first per name.</summary>
public static class ListFileVersions
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var query = ListFileNames.ReadQuery(call.Request, versions: true);
        var page = await call.Service<ListingService>().ListFileVersionsAsync(principal, query, call.Aborted);
        var files = page.Entries.Select(e => B2Mapper.ToResponse(e, principal.AccountId, query.BucketId, call.Version, principal)).ToList();
        await call.WriteAsync(new ListFileVersionsResponse(files, page.NextFileId, page.NextFileName), B2JsonContext.Default.ListFileVersionsResponse);
    }
}
