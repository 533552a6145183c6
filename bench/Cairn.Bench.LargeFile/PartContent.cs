using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Bench.LargeFile;

/// <summary>
/// The body of one part, generated while it is sent: deterministic pseudo-random bytes followed by their hex SHA-1
/// (<c>X-Bz-Content-Sha1: hex_digits_at_end</c>, as rclone sends parts), so the client never holds a part in memory.
/// </summary>
public sealed class PartContent(int partNumber, long length) : HttpContent
{
    public const int BlockSize = 1 << 20;

    private static readonly byte[] Pattern = CreatePattern();

    /// <summary>The part's SHA-1, known once the body has been sent.</summary>
    public string? Sha1 { get; private set; }

    /// <summary>Fills <paramref name="block"/> with the bytes of block <paramref name="blockIndex"/> of part <paramref name="partNumber"/>.</summary>
    public static void Fill(Span<byte> block, int partNumber, long blockIndex)
    {
        Pattern.AsSpan(0, block.Length).CopyTo(block);
        if (block.Length >= 16)
        {
            BinaryPrimitives.WriteInt64LittleEndian(block, partNumber);
            BinaryPrimitives.WriteInt64LittleEndian(block[8..], blockIndex);
        }
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        var buffer = new byte[BlockSize];
        long sent = 0;
        for (long block = 0; sent < length; block++)
        {
            var size = (int)Math.Min(BlockSize, length - sent);
            Fill(buffer.AsSpan(0, size), partNumber, block);
            sha1.AppendData(buffer, 0, size);
            await stream.WriteAsync(buffer.AsMemory(0, size));
            sent += size;
        }
        Sha1 = Convert.ToHexStringLower(sha1.GetHashAndReset());
        await stream.WriteAsync(Encoding.ASCII.GetBytes(Sha1));
    }

    protected override bool TryComputeLength(out long length1)
    {
        length1 = length + 40;
        return true;
    }

    private static byte[] CreatePattern()
    {
        var pattern = new byte[BlockSize];
        new Random(20_240_601).NextBytes(pattern);
        return pattern;
    }
}
