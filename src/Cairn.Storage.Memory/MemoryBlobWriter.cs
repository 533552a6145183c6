using Cairn.Core.Storage;

namespace Cairn.Storage.Memory;

/// <summary>
/// Gathers a blob in arrays that double from 4 KiB up to 1 MiB, so a small blob wastes little and a large one is
/// never copied into one huge array. Nothing is visible until <see cref="CommitAsync"/>.
/// </summary>
internal sealed class MemoryBlobWriter : IBlobWriter
{
    private const int FirstChunkSize = 4 * 1024;
    private const int MaxChunkSize = 1024 * 1024;

    private readonly MemoryBlobStore _store;
    private readonly List<byte[]> _chunks = [];
    private byte[]? _current;
    private int _used;
    private long _length;
    private bool _committed;
    private bool _disposed;

    public MemoryBlobWriter(MemoryBlobStore store, string blobId)
    {
        _store = store;
        BlobId = blobId;
    }

    public string BlobId { get; }

    public long Length => _length;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ThrowIfNotWriting();
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }
        var span = data.Span;
        while (!span.IsEmpty)
        {
            if (_current is null || _used == _current.Length)
            {
                var size = _current is null ? FirstChunkSize : Math.Min(_current.Length * 2, MaxChunkSize);
                _current = GC.AllocateUninitializedArray<byte>(size);
                _chunks.Add(_current);
                _used = 0;
            }
            var n = Math.Min(span.Length, _current.Length - _used);
            span[..n].CopyTo(_current.AsSpan(_used));
            _used += n;
            _length += n;
            span = span[n..];
        }
        return default;
    }

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }
        try
        {
            ThrowIfNotWriting();
            if (_current is not null && _used < _current.Length)
            {
                // Trim the last chunk so the blob holds exactly its bytes.
                _chunks[^1] = _current.AsSpan(0, _used).ToArray();
            }
            _store.Commit(BlobId, new MemoryBlob([.. _chunks], DateTimeOffset.UtcNow));
            _committed = true;
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        _chunks.Clear();
        _current = null;
        return default;
    }

    private void ThrowIfNotWriting()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
        {
            throw new InvalidOperationException($"Blob {BlobId} has already been committed.");
        }
    }
}
