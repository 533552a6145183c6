using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Cairn.Core.Errors;
using Cairn.Core.Storage;

namespace Cairn.Core.Files;

/// <summary>
/// The first half of the write path: stream a request body into a blob writer while computing SHA-1 and MD5 in the
/// same pass, then check length and SHA-1. Memory use is one pooled buffer, whatever the size of the body.
/// </summary>
public static class BlobIngest
{
    private const int BufferSize = 128 * 1024;
    private const int HexLength = 40;

    /// <param name="body">The request body.</param>
    /// <param name="writer">Where the content goes; the caller commits it only if this returns.</param>
    /// <param name="declaredLength">Content-Length, including the 40 trailing hex digits in that mode.</param>
    /// <param name="sha1">How the client states the SHA-1.</param>
    /// <param name="cancellationToken">Aborts the transfer.</param>
    public static async Task<IngestResult> IngestAsync(Stream body, IBlobWriter writer, long declaredLength, ContentSha1 sha1, CancellationToken cancellationToken)
    {
        var dataLength = sha1.Mode == Sha1Mode.HexDigitsAtEnd ? declaredLength - HexLength : declaredLength;
        if (dataLength < 0)
        {
            throw Fail.BadRequest($"Content-Length {declaredLength} is too short to hold the 40 hex digits of hex_digits_at_end");
        }
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var trailer = new byte[HexLength];
        var trailerLength = 0;
        long data = 0;
        try
        {
            while (true)
            {
                var read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                var chunk = buffer.AsMemory(0, read);
                var take = (int)Math.Min(read, dataLength - data);
                if (take > 0)
                {
                    sha.AppendData(chunk.Span[..take]);
                    md5.AppendData(chunk.Span[..take]);
                    await writer.WriteAsync(chunk[..take], cancellationToken);
                    data += take;
                }
                var rest = chunk[take..];
                if (rest.Length > 0)
                {
                    if (trailerLength + rest.Length > HexLength)
                    {
                        throw Fail.BadRequest($"The request body is longer than Content-Length {declaredLength}");
                    }
                    rest.Span.CopyTo(trailer.AsSpan(trailerLength));
                    trailerLength += rest.Length;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (data + trailerLength != declaredLength)
        {
            throw Fail.BadRequest($"The request body has {data + trailerLength} bytes but Content-Length says {declaredLength}");
        }
        var computed = Convert.ToHexStringLower(sha.GetHashAndReset());
        var expected = sha1.Mode switch
        {
            Sha1Mode.Given => sha1.Expected,
            Sha1Mode.HexDigitsAtEnd => Encoding.ASCII.GetString(trailer).ToLowerInvariant(),
            _ => null,
        };
        if (sha1.Mode == Sha1Mode.HexDigitsAtEnd && !ContentSha1.IsHex40(Encoding.ASCII.GetString(trailer)))
        {
            throw Fail.BadRequest("The last 40 bytes of a hex_digits_at_end body must be the hex SHA-1 of the content");
        }
        if (expected is not null && expected != computed)
        {
            throw Fail.BadRequest($"Sha1 did not match data received: expected {expected}, received {computed}");
        }
        return new IngestResult(data, computed, Convert.ToHexStringLower(md5.GetHashAndReset()), sha1.Mode != Sha1Mode.DoNotVerify);
    }
}
