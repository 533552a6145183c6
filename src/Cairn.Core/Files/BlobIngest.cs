using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Cairn.Core.Errors;
using Cairn.Core.Storage;

namespace Cairn.Core.Files;

/// <summary>
/// The first half of the write path: stream a request body into a blob writer while computing SHA-1 and MD5 in the
/// same pass, then check length and SHA-1. Memory use is one pooled buffer (two for a body of 1 MiB or more, whose
/// MD5 runs on another core), whatever the size of the body.
/// </summary>
public static class BlobIngest
{
    private const int BufferSize = 128 * 1024;
    private const int HexLength = 40;
    private const long ParallelMd5Threshold = 1024 * 1024;

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
            throw Fail.BadRequest($"Content-Length {declaredLength} is too short to hold the 40 hex digits of the SHA-1 that follows the content");
        }
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        // A large body hashes MD5 on another core, one chunk behind, in a second buffer: MD5 runs at about half
        // SHA-1's speed, so in the same pass it would set the upload's speed.
        var parallelMd5 = dataLength >= ParallelMd5Threshold;
        var buffers = new[] { ArrayPool<byte>.Shared.Rent(BufferSize), parallelMd5 ? ArrayPool<byte>.Shared.Rent(BufferSize) : null };
        var current = 0;
        Task md5Pending = Task.CompletedTask;
        var trailer = new byte[HexLength];
        var trailerLength = 0;
        long data = 0;
        try
        {
            while (true)
            {
                var buffer = buffers[current]!;
                var read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                var chunk = buffer.AsMemory(0, read);
                var take = (int)Math.Min(read, dataLength - data);
                if (take > 0)
                {
                    var content = chunk[..take];
                    sha.AppendData(content.Span);
                    if (parallelMd5)
                    {
                        await md5Pending;
                        md5Pending = Task.Run(() => md5.AppendData(content.Span), CancellationToken.None);
                        current ^= 1;
                    }
                    else
                    {
                        md5.AppendData(content.Span);
                    }
                    await writer.WriteAsync(content, cancellationToken);
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
            // The MD5 task may still read a buffer: wait for it before the buffers go back to the pool.
            await md5Pending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var buffer in buffers)
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
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
            throw Fail.BadRequest("The last 40 bytes of a body whose SHA-1 follows the content must be that SHA-1 in hex");
        }
        if (expected is not null && expected != computed)
        {
            throw Fail.BadRequest($"Sha1 did not match data received: expected {expected}, received {computed}");
        }
        return new IngestResult(data, computed, Convert.ToHexStringLower(md5.GetHashAndReset()), sha1.Mode != Sha1Mode.DoNotVerify);
    }
}
