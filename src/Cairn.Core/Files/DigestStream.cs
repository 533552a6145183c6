using System.Security.Cryptography;
using Cairn.Core.Storage;

namespace Cairn.Core.Files;

/// <summary>
/// A write-only stream that computes SHA-1 and MD5 of what passes through it and, when given a blob writer, stores it
/// there too. Lets server-side copies hash (and re-store) a range of a file while streaming it, with no buffer of its own.
/// </summary>
public sealed class DigestStream : Stream
{
    private readonly IncrementalHash _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly IBlobWriter? _target;
    private long _written;

    public DigestStream(IBlobWriter? target = null) => _target = target;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    /// <summary>What went through, hashed. Call once, after the last write.</summary>
    public IngestResult Result() =>
        new(_written, Convert.ToHexStringLower(_sha1.GetHashAndReset()), Convert.ToHexStringLower(_md5.GetHashAndReset()), Verified: true);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _sha1.AppendData(buffer.Span);
        _md5.AppendData(buffer.Span);
        if (_target is not null)
        {
            await _target.WriteAsync(buffer, cancellationToken);
        }
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha1.Dispose();
            _md5.Dispose();
        }
        base.Dispose(disposing);
    }
}
