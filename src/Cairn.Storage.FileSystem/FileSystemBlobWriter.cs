using System.Buffers;
using System.Runtime.CompilerServices;
using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Microsoft.Win32.SafeHandles;

namespace Cairn.Storage.FileSystem;

/// <summary>
/// Streams a blob into its own file: unnamed in its final directory, or named under <c>tmp/</c>. Bytes are gathered in a pooled buffer (16 KiB at first, so a
/// small upload costs one write at commit; then <see cref="FileSystemBlobStoreOptions.WriteBufferSize"/>) and written
/// with positional writes, so memory does not grow with the blob.
/// </summary>
internal sealed class FileSystemBlobWriter : IBlobWriter
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly FileSystemBlobStore _store;
    // Null for an unnamed (O_TMPFILE) file, which has no path until it is linked into place.
    private readonly string? _tempPath;
    private readonly SafeFileHandle _handle;
    private readonly int _bufferSize;
    private byte[]? _buffer;
    private int _buffered;
    private long _written;
    private State _state;

    public FileSystemBlobWriter(FileSystemBlobStore store, string blobId, string? tempPath, SafeFileHandle handle, int bufferSize)
    {
        _store = store;
        BlobId = blobId;
        _tempPath = tempPath;
        _handle = handle;
        _bufferSize = bufferSize;
    }

    private enum State
    {
        Writing,
        /// <summary>The temporary file has been renamed into place (or a commit failed half-way).</summary>
        Committed,
        Disposed,
    }

    public string BlobId { get; }

    public long Length => _written + _buffered;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ThrowIfNotWriting();
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }
        var buffer = _buffer ??= ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        if (data.Length <= buffer.Length - _buffered)
        {
            data.Span.CopyTo(buffer.AsSpan(_buffered));
            _buffered += data.Length;
            return default;
        }
        return WriteSlowAsync(data, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteSlowAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await WriteToDiskAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (DiskFull.Caused(e))
        {
            // The bytes written so far go with the file when the caller disposes this writer.
            throw Fail.StorageFull(e);
        }
    }

    private async ValueTask WriteToDiskAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var buffer = _buffer!;
        if (buffer.Length < _bufferSize)
        {
            // Outgrew the first buffer: this is not a small blob, so switch to the large one before touching the disk.
            var large = ArrayPool<byte>.Shared.Rent(_bufferSize);
            buffer.AsSpan(0, _buffered).CopyTo(large);
            ArrayPool<byte>.Shared.Return(buffer);
            _buffer = buffer = large;
        }
        if (_buffered > 0)
        {
            var take = Math.Min(buffer.Length - _buffered, data.Length);
            data.Span[..take].CopyTo(buffer.AsSpan(_buffered));
            _buffered += take;
            data = data[take..];
            if (_buffered < buffer.Length)
            {
                return;
            }
            await RandomAccess.WriteAsync(_handle, buffer.AsMemory(0, _buffered), _written, cancellationToken).ConfigureAwait(false);
            _written += _buffered;
            _buffered = 0;
        }
        if (data.Length >= buffer.Length)
        {
            // A write at least as large as the buffer gains nothing from a copy.
            await RandomAccess.WriteAsync(_handle, data, _written, cancellationToken).ConfigureAwait(false);
            _written += data.Length;
        }
        else
        {
            data.Span.CopyTo(buffer);
            _buffered = data.Length;
        }
    }

    /// <remarks>
    /// Runs synchronously on the caller's thread: .NET has no asynchronous fsync, and moving the blocking calls to
    /// another pool thread would only add a hop.
    /// </remarks>
    public Task CommitAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }
        try
        {
            ThrowIfNotWriting();
            if (_buffered > 0)
            {
                RandomAccess.Write(_handle, _buffer.AsSpan(0, _buffered), _written);
                _written += _buffered;
                _buffered = 0;
            }
            RandomAccess.FlushToDisk(_handle);
            string directory;
            if (_tempPath is null)
            {
                directory = _store.LinkIntoPlace(_handle, BlobId);
                _handle.Dispose();
            }
            else
            {
                _handle.Dispose();
                directory = _store.MoveIntoPlace(_tempPath, BlobId);
            }
            ReturnBuffer();
            // From here on the temporary file is gone; a failure below leaves a complete blob for the orphan sweep.
            _state = State.Committed;
            DirectorySync.Fsync(directory);
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(DiskFull.Caused(e) ? Fail.StorageFull(e) : e);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_state == State.Disposed)
        {
            return default;
        }
        var discard = _state == State.Writing;
        _state = State.Disposed;
        _handle.Dispose();
        ReturnBuffer();
        // An unnamed file vanishes with its handle; a named one must be deleted.
        if (discard && _tempPath is not null)
        {
            try
            {
                File.Delete(_tempPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the sweep of tmp/ at the next start-up.
            }
        }
        return default;
    }

    private void ThrowIfNotWriting()
    {
        ObjectDisposedException.ThrowIf(_state == State.Disposed, this);
        if (_state != State.Writing || _handle.IsClosed)
        {
            throw new InvalidOperationException($"Blob {BlobId} is no longer writable: it was committed, or its commit failed.");
        }
    }

    private void ReturnBuffer()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
