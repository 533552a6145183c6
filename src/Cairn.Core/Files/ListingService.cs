using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Keys;
using Cairn.Core.Storage;

namespace Cairn.Core.Files;

/// <summary>
/// b2_list_file_names and b2_list_file_versions: prefix, delimiter folders, inclusive start points and page size
/// (b2-api/listing-and-versions.md). A folder's cost does not grow with what it holds: rows after a folder in the
/// same batch are used, and when a batch ends inside a folder the listing continues at the successor of the
/// folder's name, with a smaller batch next time.
/// </summary>
public sealed class ListingService
{
    public const int DefaultMaxFileCount = 100;
    public const int MaxFileCountLimit = 10_000;

    private readonly IMetadataStore _store;
    private readonly BucketService _buckets;

    public ListingService(IMetadataStore store, BucketService buckets)
    {
        _store = store;
        _buckets = buckets;
    }

    public Task<ListingPage> ListFileNamesAsync(Principal principal, ListFilesQuery query, CancellationToken cancellationToken) =>
        ListAsync(principal, query, versions: false, cancellationToken);

    public Task<ListingPage> ListFileVersionsAsync(Principal principal, ListFilesQuery query, CancellationToken cancellationToken) =>
        ListAsync(principal, query, versions: true, cancellationToken);

    private async Task<ListingPage> ListAsync(Principal principal, ListFilesQuery query, bool versions, CancellationToken cancellationToken)
    {
        var prefix = query.Prefix ?? "";
        principal.RequireListing(Capabilities.ListFiles, query.BucketId, prefix);
        var max = query.MaxFileCount is null or 0 ? DefaultMaxFileCount : query.MaxFileCount.Value;
        if (max is < 1 or > MaxFileCountLimit)
        {
            // B2: 400 out_of_range "maxFileCount out of range: <n>" (b2_list_file_names, b2_list_file_versions).
            throw Fail.OutOfRange("maxFileCount", max);
        }
        if (query.StartFileId is not null && query.StartFileName is null)
        {
            throw Fail.BadRequest("startFileId is only valid together with startFileName");
        }
        if (query.Delimiter is { Length: 0 })
        {
            throw Fail.BadRequest("delimiter must not be empty");
        }
        await _buckets.GetOwnedAsync(principal, query.BucketId, cancellationToken);

        var entries = new List<ListingEntry>(Math.Min(max, 1000));
        var start = query.StartFileName is null || FileNameOrder.Instance.Compare(query.StartFileName, prefix) < 0 ? prefix : query.StartFileName;
        var startId = start == query.StartFileName ? query.StartFileId : null;
        // Rows to ask for. Without a delimiter every row is an entry; with one, a batch that ends inside a folder read
        // rows that were not needed, so the window shrinks until each folder costs about one short query.
        var window = int.MaxValue;
        while (true)
        {
            var want = max - entries.Count + 1;
            var limit = Math.Min(want, window);
            var batch = versions
                ? await _store.ListFileVersionsAsync(query.BucketId, prefix, start, startId, limit, cancellationToken)
                : await _store.ListCurrentVersionsAsync(query.BucketId, prefix, start, limit, cancellationToken);
            if (batch.Count == 0)
            {
                return new ListingPage(entries, null, null);
            }
            var batchStart = entries.Count;
            string? folder = null;
            var folderEnd = 0;
            foreach (var version in batch)
            {
                // The rest of a folder already emitted in this batch: skip it and go on with the rows after it.
                if (folder is not null && version.FileName.StartsWith(folder, StringComparison.Ordinal))
                {
                    continue;
                }
                var entryFolder = FolderOf(version.FileName, prefix, query.Delimiter);
                if (entries.Count == max)
                {
                    return entryFolder is not null
                        ? new ListingPage(entries, entryFolder, null)
                        : new ListingPage(entries, version.FileName, versions ? version.FileId : null);
                }
                if (entryFolder is null)
                {
                    entries.Add(new ListingEntry(version, null));
                    continue;
                }
                entries.Add(new ListingEntry(null, entryFolder));
                folder = entryFolder;
                folderEnd = entries.Count;
            }
            if (batch.Count < limit)
            {
                // The store had no more rows: the listing is complete.
                return new ListingPage(entries, null, null);
            }
            if (folder is null)
            {
                // Only plain entries and not enough for the page (the window was small): read them again with a
                // window as large as the page, so that the batch ends by filling the page.
                entries.RemoveRange(batchStart, entries.Count - batchStart);
                window = int.MaxValue;
                continue;
            }
            // Continue after the last folder; plain entries read after it are read again from there.
            var lastInFolder = batch[^1].FileName.StartsWith(folder, StringComparison.Ordinal);
            entries.RemoveRange(folderEnd, entries.Count - folderEnd);
            if (lastInFolder && (entries.Count - batchStart) * 4 < batch.Count)
            {
                window = Math.Max(4, Math.Min(window, limit) / 4);
            }
            else if (window < int.MaxValue / 2)
            {
                window *= 2;
            }
            if (FileNameOrder.SuccessorOfPrefix(folder) is not { } restartAt)
            {
                return new ListingPage(entries, null, null);
            }
            start = restartAt;
            startId = null;
        }
    }

    /// <summary>The folder a name falls in under <paramref name="prefix"/>, or null when it is a plain entry.</summary>
    private static string? FolderOf(string name, string prefix, string? delimiter)
    {
        if (delimiter is null)
        {
            return null;
        }
        var at = name.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return at < 0 ? null : name[..(at + delimiter.Length)];
    }
}
