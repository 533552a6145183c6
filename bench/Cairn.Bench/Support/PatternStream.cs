namespace Cairn.Bench.Support;

/// <summary>A seekable read-only window on the repeating <see cref="Pattern"/>: no allocation per read.</summary>
internal sealed class PatternStream : Stream
{
    private readonly long _start;
    private readonly long _length;
    private long _position;

    public PatternStream(long start, long length)
    {
        _start = start;
        _length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, _length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = _length - _position;
        if (remaining <= 0 || buffer.Length == 0)
        {
            return 0;
        }
        var at = (int)((_start + _position) % Pattern.BlockSize);
        var take = (int)Math.Min(Math.Min(buffer.Length, remaining), Pattern.BlockSize - at);
        Pattern.Block.AsSpan(at, take).CopyTo(buffer);
        _position += take;
        return take;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _length + offset,
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
