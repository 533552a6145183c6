using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace Cairn.Storage.FileSystem;

/// <summary>
/// A read-only view of <c>[offset, offset + length)</c> of an open file. Reads are positional
/// (<see cref="RandomAccess"/>), so there is no shared file position and no buffer: each read goes straight into the
/// caller's memory. Seeking is allowed within the range; <see cref="Length"/> is the range's length.
/// </summary>
internal sealed class FileRangeReadStream : Stream
{
    /// <summary>Reads of at most this many bytes run on the caller's thread; larger ones go through the pool.</summary>
    private const int InlineReadLimit = 64 * 1024;

    private readonly SafeFileHandle _handle;
    private readonly long _offset;
    private readonly long _length;
    private long _position;

    public FileRangeReadStream(SafeFileHandle handle, long offset, long length)
    {
        _handle = handle;
        _offset = offset;
        _length = length;
    }

    public override bool CanRead => !_handle.IsClosed;

    public override bool CanSeek => !_handle.IsClosed;

    public override bool CanWrite => false;

    public override long Length
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _length;
        }
    }

    public override long Position
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _position;
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var wanted = Clamp(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }
        var read = RandomAccess.Read(_handle, buffer[..wanted], _offset + _position);
        return Advance(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }
        var wanted = Clamp(buffer.Length);
        if (wanted == 0)
        {
            return ValueTask.FromResult(0);
        }
        if (wanted <= InlineReadLimit)
        {
            // On Linux RandomAccess.ReadAsync hands every read to a pool thread; a small read from the page cache
            // takes less time than that hop, so it runs here.
            try
            {
                return ValueTask.FromResult(Advance(RandomAccess.Read(_handle, buffer.Span[..wanted], _offset + _position)));
            }
            catch (Exception e)
            {
                return ValueTask.FromException<int>(e);
            }
        }
        return ReadCoreAsync(buffer[..wanted], cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await RandomAccess.ReadAsync(_handle, buffer, _offset + _position, cancellationToken).ConfigureAwait(false);
        return Advance(read);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target < 0)
        {
            throw new IOException("An attempt was made to move the position before the beginning of the stream.");
        }
        _position = target;
        return target;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _handle.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Clamp(int bufferLength)
    {
        var remaining = _length - _position;
        return remaining <= 0 ? 0 : (int)Math.Min(bufferLength, remaining);
    }

    private int Advance(int read)
    {
        if (read == 0)
        {
            // The range was checked against the file's length when it was opened: a blob never shrinks.
            throw new EndOfStreamException($"The blob ended {_length - _position} bytes before the end of the requested range.");
        }
        _position += read;
        return read;
    }
}
