using System.Security.Cryptography;

namespace Cairn.Bench.Support;

/// <summary>
/// Benchmark content: one 16 MiB block of seeded random bytes, repeated. Random so that no layer can compress it;
/// repeated so that a 1 GiB object costs no memory; seeded so that every run sends the same bytes.
/// </summary>
internal static class Pattern
{
    public const int BlockSize = 16 * 1024 * 1024;

    public static byte[] Block { get; } = CreateBlock();

    /// <summary>SHA-1 of <c>[offset, offset + length)</c> of the endless repetition of <see cref="Block"/>.</summary>
    public static string Sha1(long offset, long length)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        while (length > 0)
        {
            var at = (int)(offset % BlockSize);
            var take = (int)Math.Min(BlockSize - at, length);
            sha.AppendData(Block.AsSpan(at, take));
            offset += take;
            length -= take;
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>A read-only, seekable stream over <c>[offset, offset + length)</c> of the repetition.</summary>
    public static Stream Open(long offset, long length) => new PatternStream(offset, length);

    private static byte[] CreateBlock()
    {
        var block = new byte[BlockSize];
        new Random(20240905).NextBytes(block);
        return block;
    }
}
