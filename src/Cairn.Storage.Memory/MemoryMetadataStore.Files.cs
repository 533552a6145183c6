using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.LargeFiles;
using Cairn.Core.Storage;

namespace Cairn.Storage.Memory;

public sealed partial class MemoryMetadataStore
{
    private readonly Dictionary<string, VersionEntry> _versions = new(StringComparer.Ordinal);
    private readonly BlobReferences _blobReferences = new();
    private long _sequence;

    // ---- file versions --------------------------------------------------------------------------------

    public Task<FileVersion> InsertFileVersionAsync(FileVersion version, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (!_buckets.TryGetValue(version.BucketId, out var bucket))
            {
                throw Fail.BucketNotFound(version.BucketId);
            }
            if (_versions.ContainsKey(version.FileId))
            {
                throw new InvalidOperationException($"File id {version.FileId} is already stored.");
            }
            var name = bucket.GetOrAddName(version.FileName);
            // Decided under the lock that also decides the order: newest first is latest timestamp first.
            if (name.Versions.Count > 0 && name.Versions[^1].Version.UploadTimestamp >= version.UploadTimestamp)
            {
                version = version with { UploadTimestamp = name.Versions[^1].Version.UploadTimestamp + 1 };
            }
            var entry = new VersionEntry(version, ++_sequence, name);
            name.Versions.Add(entry);
            _versions.Add(version.FileId, entry);
            foreach (var segment in version.Segments)
            {
                _blobReferences.Add(segment.BlobId);
            }
            if (entry.Parts is not null)
            {
                bucket.Unfinished.Add(entry.Sequence, entry);
            }
            bucket.Refresh(name);
            QueueReplication(version);
            return version;
        });

    public Task<FileVersion?> GetFileVersionAsync(string fileId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _versions.GetValueOrDefault(fileId)?.Version);

    public Task<FileVersion?> GetCurrentVersionAsync(string bucketId, string fileName, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
            _buckets.TryGetValue(bucketId, out var bucket) && bucket.Names.TryGetValue(fileName, out var name)
                ? name.Current?.Version
                : null);

    public Task<IReadOnlyList<FileVersion>> ListCurrentVersionsAsync(string bucketId, string prefix, string startFileName, int limit, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<FileVersion>>(cancellationToken, () =>
        {
            var page = new List<FileVersion>();
            if (limit <= 0 || !_buckets.TryGetValue(bucketId, out var bucket))
            {
                return page;
            }
            foreach (var name in BucketState.From(bucket.VisibleNames, Later(prefix, startFileName)))
            {
                // Names that share a prefix are adjacent in name order, so the first one without it ends the page.
                if (!name.Name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    break;
                }
                page.Add(name.Current!.Version);
                if (page.Count == limit)
                {
                    break;
                }
            }
            return page;
        });

    public Task<IReadOnlyList<FileVersion>> ListFileVersionsAsync(string bucketId, string prefix, string startFileName, string? startFileId, int limit, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<FileVersion>>(cancellationToken, () =>
        {
            var page = new List<FileVersion>();
            if (limit <= 0 || !_buckets.TryGetValue(bucketId, out var bucket))
            {
                return page;
            }
            // startFileId counts only when it names a version of startFileName in this bucket.
            VersionEntry? start = null;
            if (startFileId is not null && _versions.TryGetValue(startFileId, out var candidate)
                && candidate.Version.BucketId == bucketId && string.Equals(candidate.Name.Name, startFileName, StringComparison.Ordinal))
            {
                start = candidate;
            }
            foreach (var name in BucketState.From(bucket.AllNames, Later(prefix, startFileName)))
            {
                if (!name.Name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    break;
                }
                var versions = name.Versions;
                var i = start is not null && start.Name == name ? versions.IndexOf(start) : versions.Count - 1;
                for (; i >= 0; i--)
                {
                    page.Add(versions[i].Version);
                    if (page.Count == limit)
                    {
                        return page;
                    }
                }
            }
            return page;
        });

    public Task<DeletedFileVersion?> DeleteFileVersionAsync(string fileId, bool unfinishedOnly, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (!_versions.TryGetValue(fileId, out var entry) || (unfinishedOnly && entry.Version.Action != FileAction.Start))
            {
                return null;
            }
            _versions.Remove(fileId);
            var bucket = _buckets[entry.Version.BucketId];
            var freed = new List<string>();
            foreach (var segment in entry.Version.Segments)
            {
                _blobReferences.Release(segment.BlobId, freed);
            }
            if (entry.Parts is not null)
            {
                foreach (var part in entry.Parts.Values)
                {
                    _blobReferences.Release(part.BlobId, freed);
                }
                bucket.Unfinished.Remove(entry.Sequence);
            }
            entry.Name.Versions.Remove(entry);
            bucket.Refresh(entry.Name);
            return new DeletedFileVersion(entry.Version, freed);
        });

    // ---- large files ----------------------------------------------------------------------------------

    public Task<IReadOnlyList<FileVersion>> ListUnfinishedLargeFilesAsync(string bucketId, string prefix, string? startFileId, int limit, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<FileVersion>>(cancellationToken, () =>
        {
            var page = new List<FileVersion>();
            if (limit <= 0 || !_buckets.TryGetValue(bucketId, out var bucket))
            {
                return page;
            }
            var index = 0;
            if (startFileId is not null)
            {
                // A start id that names no version has no place in the order, so nothing follows it.
                if (!_versions.TryGetValue(startFileId, out var start))
                {
                    return page;
                }
                index = bucket.Unfinished.LowerBound(start.Sequence);
            }
            var unfinished = bucket.Unfinished.Values;
            for (; index < unfinished.Count && page.Count < limit; index++)
            {
                var version = unfinished[index].Version;
                if (version.FileName.StartsWith(prefix, StringComparison.Ordinal))
                {
                    page.Add(version);
                }
            }
            return page;
        });

    public Task<IReadOnlyList<string>> UpsertPartAsync(Part part, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<string>>(cancellationToken, () =>
        {
            if (!_versions.TryGetValue(part.FileId, out var entry) || entry.Parts is null)
            {
                throw Fail.FileNotPresent($"No unfinished large file with id {part.FileId}");
            }
            var freed = new List<string>();
            // Count the new reference first, so re-storing a part with the same blob frees nothing.
            _blobReferences.Add(part.BlobId);
            if (entry.Parts.TryGetValue(part.PartNumber, out var replaced))
            {
                _blobReferences.Release(replaced.BlobId, freed);
            }
            entry.Parts[part.PartNumber] = part;
            return freed;
        });

    public Task<IReadOnlyList<Part>> ListPartsAsync(string fileId, int startPartNumber, int limit, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<Part>>(cancellationToken, () =>
        {
            var page = new List<Part>();
            if (!_versions.TryGetValue(fileId, out var entry) || entry.Parts is null)
            {
                return page;
            }
            var parts = entry.Parts.Values;
            for (var i = entry.Parts.LowerBound(startPartNumber); i < parts.Count && page.Count < limit; i++)
            {
                page.Add(parts[i]);
            }
            return page;
        });

    /// <remarks>
    /// A dropped part whose blob the finished version does not reference loses its last reference here without
    /// being reported (the port returns only a bool); the orphan sweep deletes such blobs.
    /// </remarks>
    public Task<bool> FinishLargeFileAsync(FileVersion finished, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (!_versions.TryGetValue(finished.FileId, out var entry) || entry.Parts is null)
            {
                return false;
            }
            if (finished.Action != FileAction.Upload
                || finished.BucketId != entry.Version.BucketId
                || !string.Equals(finished.FileName, entry.Name.Name, StringComparison.Ordinal))
            {
                throw new ArgumentException("A finished large file keeps its bucket and name and becomes an upload.", nameof(finished));
            }
            LargeFileParts.EnsureSegmentsAre(entry.Parts.Values.Select(p => (Number: p.PartNumber, p.BlobId)).ToList(), finished.Segments);
            foreach (var segment in finished.Segments)
            {
                _blobReferences.Add(segment.BlobId);
            }
            var unreported = new List<string>();
            foreach (var part in entry.Parts.Values)
            {
                _blobReferences.Release(part.BlobId, unreported);
            }
            var bucket = _buckets[finished.BucketId];
            bucket.Unfinished.Remove(entry.Sequence);
            entry.Parts = null;
            entry.Version = finished;
            bucket.Refresh(entry.Name);
            QueueReplication(finished);
            return true;
        });

    // ---- blobs ----------------------------------------------------------------------------------------

    public Task<IReadOnlyList<string>> FindUnreferencedBlobsAsync(IReadOnlyCollection<string> blobIds, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<string>>(cancellationToken, () =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var unreferenced = new List<string>();
            foreach (var blobId in blobIds)
            {
                if (seen.Add(blobId) && !_blobReferences.IsReferenced(blobId))
                {
                    unreferenced.Add(blobId);
                }
            }
            return unreferenced;
        });

    /// <summary>Where a listing starts: the later of the prefix and the start name.</summary>
    private static string Later(string prefix, string startFileName) =>
        FileNameOrder.Instance.Compare(prefix, startFileName) > 0 ? prefix : startFileName;
}
