namespace Cairn.Core.Storage;

/// <summary>
/// A blob being written. Bytes go to a temporary place that no reader can see; <see cref="CommitAsync"/>
/// makes them durable and visible under <see cref="BlobId"/>. Disposing without committing discards them.
/// </summary>
public interface IBlobWriter : IAsyncDisposable
{
    string BlobId { get; }

    /// <summary>Bytes written so far.</summary>
    long Length { get; }

    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>
    /// Flushes to stable storage (fsync), moves the blob into place atomically and makes that move durable.
    /// After it returns, a crash cannot lose the blob.
    /// </summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
