using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.S3.Auth;

/// <summary>
/// Decodes an <c>aws-chunked</c> body (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html):
/// <c>hex-size[;chunk-signature=sig]\r\n data \r\n</c> … a zero-size chunk, then trailer lines and an empty line.
/// With a <see cref="SigningScope"/> every chunk signature is verified, each chaining from the previous one (the first
/// from the seed signature), and so is <c>x-amz-trailer-signature</c>. Data streams through one pooled buffer; a bad
/// signature throws before the stream ends, so the upload never commits.
/// </summary>
public sealed class AwsChunkedStream : Stream
{
    private const int BufferSize = 64 * 1024;
    private const int MaxLineLength = 4096;

    private readonly Stream _inner;
    private readonly SigningScope? _signing;
    private readonly bool _expectTrailer;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private readonly Dictionary<string, string> _trailers = new(StringComparer.OrdinalIgnoreCase);
    private IncrementalHash? _chunkHash;
    private string? _chunkSignature;
    private string _previousSignature;
    private int _start;
    private int _end;
    private long _remaining;
    private bool _done;
    private bool _returned;

    /// <param name="inner">The raw request body.</param>
    /// <param name="signing">For the signed forms; null for <c>STREAMING-UNSIGNED-PAYLOAD-TRAILER</c>.</param>
    /// <param name="expectTrailer">True for the <c>-TRAILER</c> forms.</param>
    public AwsChunkedStream(Stream inner, SigningScope? signing, bool expectTrailer)
    {
        _inner = inner;
        _signing = signing;
        _expectTrailer = expectTrailer;
        _previousSignature = signing?.SeedSignature ?? "";
        if (signing is not null)
        {
            _chunkHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }
    }

    /// <summary>Trailer headers (lower-case names), once the body has been read to its end.</summary>
    public IReadOnlyDictionary<string, string> Trailers => _trailers;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_done || buffer.Length == 0)
        {
            return 0;
        }
        if (_remaining == 0)
        {
            await StartChunkAsync(cancellationToken);
            if (_done)
            {
                return 0;
            }
        }
        if (_start == _end && !await FillAsync(cancellationToken))
        {
            throw Incomplete();
        }
        var take = (int)Math.Min(Math.Min(buffer.Length, _end - _start), _remaining);
        var data = _buffer.AsSpan(_start, take);
        data.CopyTo(buffer.Span);
        _chunkHash?.AppendData(data);
        _start += take;
        _remaining -= take;
        if (_remaining == 0)
        {
            await EndChunkAsync(cancellationToken);
        }
        return take;
    }

    private async Task StartChunkAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken);
        var semicolon = line.IndexOf(';', StringComparison.Ordinal);
        var sizeText = semicolon < 0 ? line : line[..semicolon];
        if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
        {
            throw S3Exception.InvalidArgument("An aws-chunked chunk header is malformed");
        }
        _chunkSignature = null;
        if (semicolon >= 0)
        {
            var extension = line[(semicolon + 1)..];
            const string Prefix = "chunk-signature=";
            if (extension.StartsWith(Prefix, StringComparison.Ordinal))
            {
                _chunkSignature = extension[Prefix.Length..];
            }
        }
        if (_signing is not null && _chunkSignature is null)
        {
            throw S3Exception.SignatureDoesNotMatch();
        }
        _remaining = size;
        if (size == 0)
        {
            VerifyChunk();
            await ReadTrailersAsync(cancellationToken);
            _done = true;
        }
    }

    private async Task EndChunkAsync(CancellationToken cancellationToken)
    {
        if (await ReadLineAsync(cancellationToken) != "")
        {
            throw S3Exception.InvalidArgument("An aws-chunked chunk is longer than its header says");
        }
        VerifyChunk();
    }

    private void VerifyChunk()
    {
        if (_signing is null || _chunkHash is null)
        {
            return;
        }
        var dataHash = Convert.ToHexStringLower(_chunkHash.GetHashAndReset());
        var expected = _signing.Sign($"AWS4-HMAC-SHA256-PAYLOAD\n{_signing.Timestamp}\n{_signing.Scope}\n{_previousSignature}\n{PayloadHashes.Empty}\n{dataHash}");
        if (!SigningScope.Matches(expected, _chunkSignature!))
        {
            throw S3Exception.SignatureDoesNotMatch();
        }
        _previousSignature = expected;
    }

    private async Task ReadTrailersAsync(CancellationToken cancellationToken)
    {
        var canonical = new StringBuilder();
        string? trailerSignature = null;
        for (var count = 0; count < 64; count++)
        {
            var line = await ReadLineAsync(cancellationToken, allowEnd: !_expectTrailer);
            if (line.Length == 0)
            {
                if (_signing is not null && _expectTrailer)
                {
                    var expected = _signing.Sign($"AWS4-HMAC-SHA256-TRAILER\n{_signing.Timestamp}\n{_signing.Scope}\n{_previousSignature}\n" +
                        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()))));
                    if (trailerSignature is null || !SigningScope.Matches(expected, trailerSignature))
                    {
                        throw S3Exception.SignatureDoesNotMatch();
                    }
                }
                return;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw S3Exception.InvalidArgument("An aws-chunked trailer line is malformed");
            }
            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (name == "x-amz-trailer-signature")
            {
                trailerSignature = value;
                continue;
            }
            _trailers[name] = value;
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }
        throw S3Exception.InvalidArgument("Too many aws-chunked trailer lines");
    }

    /// <summary>A line without its CRLF. At the end of the body, <paramref name="allowEnd"/> reads it as an empty line.</summary>
    private async Task<string> ReadLineAsync(CancellationToken cancellationToken, bool allowEnd = false)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                if (allowEnd && line.Length == 0)
                {
                    return "";
                }
                throw Incomplete();
            }
            var span = _buffer.AsSpan(_start, _end - _start);
            var newline = span.IndexOf((byte)'\n');
            var take = newline < 0 ? span.Length : newline;
            line.Append(Encoding.ASCII.GetString(span[..take]));
            _start += newline < 0 ? take : take + 1;
            if (line.Length > MaxLineLength)
            {
                throw S3Exception.InvalidArgument("An aws-chunked line is too long");
            }
            if (newline >= 0)
            {
                if (line.Length > 0 && line[^1] == '\r')
                {
                    line.Length--;
                }
                return line.ToString();
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await _inner.ReadAsync(_buffer.AsMemory(0, BufferSize), cancellationToken);
        return _end > 0;
    }

    private static S3Exception Incomplete() => new(400, S3ErrorCodes.IncompleteBody, "The request body ended before its aws-chunked encoding did");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_returned)
        {
            _returned = true;
            ArrayPool<byte>.Shared.Return(_buffer);
            _chunkHash?.Dispose();
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
