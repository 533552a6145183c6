using System.Buffers;
using Cairn.Core.Storage;

namespace Cairn.Core.Encryption;

/// <summary>
/// A blob writer that encrypts on the way through, so every blob store stores ciphertext without knowing it. Callers
/// hash the plaintext before it reaches this writer. Its buffer is one pooled array per write, whatever the blob size.
/// </summary>
public sealed class EncryptingBlobWriter : IBlobWriter
{
    private readonly IBlobWriter _inner;
    private readonly AesCtr _cipher;

    public EncryptingBlobWriter(IBlobWriter inner, AesCtr cipher)
    {
        _inner = inner;
        _cipher = cipher;
    }

    public string BlobId => _inner.BlobId;

    public long Length => _inner.Length;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(data.Length);
        try
        {
            data.CopyTo(buffer);
            _cipher.Transform(_inner.Length, buffer.AsSpan(0, data.Length));
            await _inner.WriteAsync(buffer.AsMemory(0, data.Length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => _inner.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _cipher.Dispose();
        await _inner.DisposeAsync();
    }
}
