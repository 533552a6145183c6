namespace Cairn.Storage.Postgres.Internal;

/// <summary>Finds blobs that no version segment and no part references, in batches.</summary>
internal static class BlobReferences
{
    /// <summary>Ids per query: one array parameter, so no statement grows with the input.</summary>
    private const int BatchSize = 1000;

    private const string SelectUnreferenced =
        "SELECT t.id FROM unnest(@ids) WITH ORDINALITY AS t(id, o) " +
        "WHERE NOT EXISTS (SELECT 1 FROM segments WHERE blob_id = t.id) " +
        "AND NOT EXISTS (SELECT 1 FROM parts WHERE blob_id = t.id) " +
        "ORDER BY t.o";

    /// <summary>Of <paramref name="blobIds"/>, the distinct ids nothing references, in the order given.</summary>
    public static async Task<List<string>> UnreferencedAsync(PostgresSession session, IEnumerable<string> blobIds, CancellationToken cancellationToken)
    {
        var distinct = blobIds.Distinct(StringComparer.Ordinal).ToList();
        var unreferenced = new List<string>();
        for (var start = 0; start < distinct.Count; start += BatchSize)
        {
            string?[] batch = [.. distinct.GetRange(start, Math.Min(BatchSize, distinct.Count - start))];
            unreferenced.AddRange(await session.Command(SelectUnreferenced)
                .With("ids", batch)
                .ReadAllAsync(reader => reader.GetString(0), cancellationToken).ConfigureAwait(false));
        }
        return unreferenced;
    }
}
