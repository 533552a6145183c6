namespace Cairn.Storage.Memory;

/// <summary>
/// A committed blob held as a list of arrays (never one big array: a part may be 5 GB, more than an array holds).
/// Immutable once created; readers share it without locks.
/// </summary>
internal sealed class MemoryBlob
{
    private readonly byte[][] _chunks;
    // _starts[i] is the blob offset of _chunks[i][0].
    private readonly long[] _starts;

    public MemoryBlob(byte[][] chunks, DateTimeOffset committedAt)
    {
        _chunks = chunks;
        _starts = new long[chunks.Length];
        long offset = 0;
        for (var i = 0; i < chunks.Length; i++)
        {
            _starts[i] = offset;
            offset += chunks[i].Length;
        }
        Length = offset;
        CommittedAt = committedAt;
    }

    public long Length { get; }

    public DateTimeOffset CommittedAt { get; }

    /// <summary>Copies bytes starting at <paramref name="position"/> into <paramref name="destination"/>; returns how many.</summary>
    public int CopyTo(long position, Span<byte> destination)
    {
        var copied = 0;
        if (position >= Length)
        {
            return 0;
        }
        var index = Array.BinarySearch(_starts, position);
        if (index < 0)
        {
            index = ~index - 1;
        }
        while (copied < destination.Length && index < _chunks.Length)
        {
            var chunk = _chunks[index];
            var within = (int)(position - _starts[index]);
            var n = Math.Min(chunk.Length - within, destination.Length - copied);
            chunk.AsSpan(within, n).CopyTo(destination[copied..]);
            copied += n;
            position += n;
            index++;
        }
        return copied;
    }
}
