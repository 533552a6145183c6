using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Server.Replication;

/// <summary>
/// A range of a source version's content as an upload body with its SHA-1 appended (B2's <c>hex_digits_at_end</c>),
/// so the content is read once and still verified by the receiver. The digest is available after the body was sent.
/// </summary>
internal sealed class ReplicaContent : HttpContent
{
    private readonly Func<long, long, Stream, CancellationToken, Task> _copy;
    private readonly long _offset;
    private readonly long _length;

    public ReplicaContent(Func<long, long, Stream, CancellationToken, Task> copy, long offset, long length)
    {
        _copy = copy;
        _offset = offset;
        _length = length;
        Headers.ContentLength = length + 40;
    }

    /// <summary>The SHA-1 of the range, in hex, once sent.</summary>
    public string? Sha1 { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        await using (var hashing = new HashingStream(stream, hash))
        {
            await _copy(_offset, _length, hashing, cancellationToken);
        }
        Sha1 = Convert.ToHexStringLower(hash.GetHashAndReset());
        await stream.WriteAsync(Encoding.ASCII.GetBytes(Sha1), cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length + 40;
        return true;
    }

    /// <summary>Writes through to the request body, hashing on the way; leaves the body open.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            hash.AppendData(buffer, offset, count);
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            hash.AppendData(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
