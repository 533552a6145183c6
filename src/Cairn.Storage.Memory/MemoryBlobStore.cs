using System.Collections.Concurrent;
using Cairn.Core.Ids;
using Cairn.Core.Storage;

namespace Cairn.Storage.Memory;

/// <summary>
/// Blobs in process memory, for hermetic mode. A blob becomes visible, whole, when its writer commits; nothing
/// survives the process. Accepts only well-formed blob ids, exactly like the filesystem store.
/// </summary>
public sealed class MemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, MemoryBlob> _blobs = new(StringComparer.Ordinal);

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IBlobWriter> CreateAsync(string blobId, CancellationToken cancellationToken)
    {
        ValidateBlobId(blobId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IBlobWriter>(new MemoryBlobWriter(this, blobId));
    }

    public Task<Stream> OpenReadAsync(string blobId, long offset, long length, CancellationToken cancellationToken)
    {
        ValidateBlobId(blobId);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_blobs.TryGetValue(blobId, out var blob))
        {
            throw new FileNotFoundException($"Blob {blobId} does not exist.", blobId);
        }
        if (offset > blob.Length || length > blob.Length - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(length),
                $"Range {offset}+{length} is outside blob {blobId}, which has {blob.Length} bytes.");
        }
        return Task.FromResult<Stream>(new MemoryBlobReadStream(blob, offset, length));
    }

    public Task DeleteAsync(string blobId, CancellationToken cancellationToken)
    {
        ValidateBlobId(blobId);
        cancellationToken.ThrowIfCancellationRequested();
        _blobs.TryRemove(blobId, out _);
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<StoredBlob> ListAsync(CancellationToken cancellationToken) =>
        _blobs.Select(pair => new StoredBlob(pair.Key, pair.Value.CommittedAt)).ToAsyncEnumerable();

    /// <summary>Makes a finished blob visible, replacing one with the same id (ids are never reused).</summary>
    internal void Commit(string blobId, MemoryBlob blob) => _blobs[blobId] = blob;

    private static void ValidateBlobId(string blobId)
    {
        ArgumentNullException.ThrowIfNull(blobId);
        if (!IdFormats.IsBlobId(blobId))
        {
            throw new ArgumentException($"Not a blob id: '{blobId}'. Blob ids are 32 lower-case hex characters.", nameof(blobId));
        }
    }
}
