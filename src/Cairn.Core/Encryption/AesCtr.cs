using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Cairn.Core.Encryption;

/// <summary>
/// AES-256 in counter mode (NIST SP 800-38A): the keystream block <c>i</c> is AES-ECB of the 16-byte initial counter
/// plus <c>i</c> (a 128-bit big-endian addition), XORed with the data. Encryption and decryption are the same
/// operation, ciphertext is exactly as long as plaintext, and any byte range can be transformed on its own, so blob
/// offsets, ranges and segment slices mean the same in plaintext and ciphertext. CTR gives confidentiality only: it
/// does not detect a modified blob, which is acceptable because the blob store is trusted (B2's SSE is about data at
/// rest). Not thread-safe: one instance per stream.
/// </summary>
public sealed class AesCtr : IDisposable
{
    public const int KeySize = 32;
    public const int NonceSize = 16;
    private const int BlockSize = 16;
    private const int ChunkBlocks = 256;

    private readonly Aes _aes;
    private readonly UInt128 _initialCounter;

    public AesCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> initialCounter)
    {
        if (key.Length != KeySize || initialCounter.Length != NonceSize)
        {
            throw new ArgumentException("AES-256-CTR needs a 32-byte key and a 16-byte initial counter");
        }
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _initialCounter = BinaryPrimitives.ReadUInt128BigEndian(initialCounter);
    }

    /// <summary>XORs <paramref name="data"/> in place with the keystream from byte <paramref name="position"/> of the blob.</summary>
    public void Transform(long position, Span<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        Span<byte> counters = stackalloc byte[ChunkBlocks * BlockSize];
        Span<byte> keystream = stackalloc byte[ChunkBlocks * BlockSize];
        var block = (ulong)(position / BlockSize);
        var skip = (int)(position % BlockSize);
        var done = 0;
        while (done < data.Length)
        {
            var blocks = (int)Math.Min(ChunkBlocks, (skip + (long)(data.Length - done) + BlockSize - 1) / BlockSize);
            for (var i = 0; i < blocks; i++)
            {
                BinaryPrimitives.WriteUInt128BigEndian(counters.Slice(i * BlockSize, BlockSize), _initialCounter + block + (ulong)i);
            }
            _aes.EncryptEcb(counters[..(blocks * BlockSize)], keystream, PaddingMode.None);
            var take = Math.Min(blocks * BlockSize - skip, data.Length - done);
            Xor(data.Slice(done, take), keystream.Slice(skip, take));
            done += take;
            block += (ulong)blocks;
            skip = 0;
        }
    }

    public void Dispose() => _aes.Dispose();

    private static void Xor(Span<byte> target, ReadOnlySpan<byte> keystream)
    {
        var i = 0;
        for (; i + Vector<byte>.Count <= target.Length; i += Vector<byte>.Count)
        {
            (new Vector<byte>(target[i..]) ^ new Vector<byte>(keystream[i..])).CopyTo(target[i..]);
        }
        for (; i < target.Length; i++)
        {
            target[i] ^= keystream[i];
        }
    }
}
