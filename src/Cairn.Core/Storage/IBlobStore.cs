namespace Cairn.Core.Storage;

/// <summary>
/// The blob port: immutable byte strings addressed by ids the object service mints. Implementations:
/// the local filesystem (default) and memory (hermetic mode). A blob's location derives only from its id.
/// </summary>
public interface IBlobStore
{
    /// <summary>Prepares the store and discards temporary files left by a crash. Called once at start-up.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Starts writing a new blob with the given id.</summary>
    Task<IBlobWriter> CreateAsync(string blobId, CancellationToken cancellationToken);

    /// <summary>
    /// Opens <paramref name="length"/> bytes of a committed blob starting at <paramref name="offset"/>.
    /// Throws <see cref="FileNotFoundException"/> when the blob does not exist.
    /// </summary>
    Task<Stream> OpenReadAsync(string blobId, long offset, long length, CancellationToken cancellationToken);

    /// <summary>Deletes a committed blob; deleting a missing blob is not an error.</summary>
    Task DeleteAsync(string blobId, CancellationToken cancellationToken);

    /// <summary>Every committed blob, for the orphan sweep.</summary>
    IAsyncEnumerable<StoredBlob> ListAsync(CancellationToken cancellationToken);
}
