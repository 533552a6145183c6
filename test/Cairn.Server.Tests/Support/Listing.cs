using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Server.Tests.Support;

/// <summary>Walks a listing page by page the way clients do: feed nextFileName (and nextFileId) back until null.</summary>
public static class Listing
{
    public static async Task<(List<JsonElement> Entries, int Pages)> WalkAsync(B2Session session, string operation, string bucketId,
        int? maxFileCount, string? prefix = null, string? delimiter = null, int maxPages = 1000)
    {
        var entries = new List<JsonElement>();
        string? nextName = null;
        string? nextId = null;
        var pages = 0;
        while (true)
        {
            pages++;
            Assert.True(pages <= maxPages, $"more than {maxPages} pages");
            var page = await session.CallAsync(operation, new
            {
                bucketId,
                maxFileCount,
                prefix,
                delimiter,
                startFileName = nextName,
                startFileId = nextId,
            });
            var files = page.GetProperty("files").EnumerateArray().ToList();
            if (maxFileCount is > 0)
            {
                Assert.True(files.Count <= maxFileCount, $"page of {files.Count} entries exceeds maxFileCount {maxFileCount}");
            }
            entries.AddRange(files);
            nextName = page.GetProperty("nextFileName").GetString();
            nextId = operation == "b2_list_file_versions" ? page.GetProperty("nextFileId").GetString() : null;
            if (nextName is null)
            {
                Assert.Null(nextId);
                return (entries, pages);
            }
            Assert.NotEmpty(files);
        }
    }

    public static string Describe(JsonElement entry) => entry.GetProperty("action").GetString() + " " + entry.GetProperty("fileName").GetString();
}
