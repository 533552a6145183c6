using System.Security.Cryptography;

namespace Cairn.S3.Auth;

/// <summary>
/// Passes a body through while hashing it, and at its end checks what the request promised: the SHA-256 of a signed
/// payload (<c>x-amz-content-sha256</c>) and an additional checksum (<c>x-amz-checksum-*</c>, from a header or, for
/// aws-chunked bodies, the trailer). A mismatch throws at the end of the body, before the upload commits anything.
/// </summary>
public sealed class VerifyingStream : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash? _sha256;
    private readonly string? _expectedSha256;
    private readonly S3Checksum? _checksum;
    private readonly string _checksumName;
    private readonly Func<string?> _expectedChecksum;
    private bool _finished;

    public VerifyingStream(Stream inner, string? expectedSha256, S3Checksum? checksum, string checksumName, Func<string?> expectedChecksum)
    {
        _inner = inner;
        _expectedSha256 = expectedSha256;
        _sha256 = expectedSha256 is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        _checksum = checksum;
        _checksumName = checksumName;
        _expectedChecksum = expectedChecksum;
    }

    /// <summary>The checksum of the body, once it has been read to its end.</summary>
    public string? ComputedChecksum { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken);
        if (read > 0)
        {
            _sha256?.AppendData(buffer.Span[..read]);
            _checksum?.Append(buffer.Span[..read]);
        }
        else if (!_finished)
        {
            _finished = true;
            Finish();
        }
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    private void Finish()
    {
        if (_sha256 is not null && Convert.ToHexStringLower(_sha256.GetHashAndReset()) != _expectedSha256!.ToLowerInvariant())
        {
            throw new S3Exception(400, S3ErrorCodes.XAmzContentSha256Mismatch, "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        if (_checksum is not null)
        {
            ComputedChecksum = _checksum.Base64();
            var expected = _expectedChecksum();
            if (expected is null)
            {
                throw S3Exception.InvalidRequest($"The x-amz-checksum-{_checksumName} the request announced never came");
            }
            if (expected != ComputedChecksum)
            {
                throw new S3Exception(400, S3ErrorCodes.BadDigest, $"The {_checksumName.ToUpperInvariant()} you specified did not match the calculated checksum.");
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha256?.Dispose();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
