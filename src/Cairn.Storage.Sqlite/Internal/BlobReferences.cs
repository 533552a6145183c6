namespace Cairn.Storage.Sqlite.Internal;

/// <summary>Finds blobs that no version segment and no part references, in batches.</summary>
internal static class BlobReferences
{
    /// <summary>Ids per query: one JSON array parameter, so no statement grows with the input.</summary>
    private const int BatchSize = 500;

    private const string SelectUnreferenced =
        "SELECT j.value FROM json_each($ids) AS j " +
        "WHERE NOT EXISTS (SELECT 1 FROM segments WHERE blob_id = j.value) " +
        "AND NOT EXISTS (SELECT 1 FROM parts WHERE blob_id = j.value) " +
        "ORDER BY j.key";

    /// <summary>Of <paramref name="blobIds"/>, the distinct ids nothing references, in the order given.</summary>
    public static List<string> Unreferenced(SqliteSession session, IEnumerable<string> blobIds)
    {
        var distinct = blobIds.Distinct(StringComparer.Ordinal).ToList();
        var unreferenced = new List<string>();
        for (var start = 0; start < distinct.Count; start += BatchSize)
        {
            var batch = distinct.GetRange(start, Math.Min(BatchSize, distinct.Count - start));
            unreferenced.AddRange(session.Command(SelectUnreferenced)
                .With("$ids", StoreJson.Write(batch))
                .ReadAll(reader => reader.GetString(0)));
        }
        return unreferenced;
    }
}
