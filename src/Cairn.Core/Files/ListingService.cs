using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Keys;
using Cairn.Core.Storage;

namespace Cairn.Core.Files;

/// <summary>
/// b2_list_file_names and b2_list_file_versions: prefix, delimiter folders, inclusive start points and page size
/// (b2-api/listing-and-versions.md). A folder costs one store query, whatever it holds: after emitting it, the
/// listing continues at the successor of the folder's name.
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
            throw Fail.BadRequest($"maxFileCount must be between 1 and {MaxFileCountLimit}");
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
        while (true)
        {
            var want = max - entries.Count + 1;
            var batch = versions
                ? await _store.ListFileVersionsAsync(query.BucketId, prefix, start, startId, want, cancellationToken)
                : await _store.ListCurrentVersionsAsync(query.BucketId, prefix, start, want, cancellationToken);
            if (batch.Count == 0)
            {
                return new ListingPage(entries, null, null);
            }
            string? restartAt = null;
            foreach (var version in batch)
            {
                var folder = FolderOf(version.FileName, prefix, query.Delimiter);
                if (entries.Count == max)
                {
                    return folder is not null
                        ? new ListingPage(entries, folder, null)
                        : new ListingPage(entries, version.FileName, versions ? version.FileId : null);
                }
                if (folder is null)
                {
                    entries.Add(new ListingEntry(version, null));
                    continue;
                }
                entries.Add(new ListingEntry(null, folder));
                restartAt = FileNameOrder.SuccessorOfPrefix(folder);
                break;
            }
            // Without a folder the batch (one more than the page still needs) either filled the page, and we
            // returned above, or ran out: the listing is complete.
            if (restartAt is null)
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
