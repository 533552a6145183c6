using System.Buffers;
using System.Security.Cryptography;

namespace Cairn.Bench.Support;

/// <summary>Reads a response body to its end with one pooled buffer, optionally hashing it: the same for every target.</summary>
internal static class Drain
{
    private const int BufferSize = 256 * 1024;

    public static async Task<long> ReadAllAsync(Stream source, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static async Task<(long Length, string Sha1)> HashAllAsync(Stream source, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                total += read;
            }
            return (total, Convert.ToHexStringLower(sha.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
