using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Cairn.S3.Auth;

/// <summary>
/// One of S3's additional checksums (<c>x-amz-checksum-{crc32,crc32c,crc64nvme,sha1,sha256}</c>), computed over the
/// decoded body as it streams by. The wire form is base64 of the big-endian digest.
/// </summary>
public abstract class S3Checksum
{
    public static IReadOnlyList<string> Names { get; } = ["crc32", "crc32c", "crc64nvme", "sha1", "sha256"];

    /// <summary>The algorithm named by a header (<c>x-amz-checksum-crc32</c>) or name (<c>crc32</c>); null if unknown.</summary>
    public static S3Checksum? Create(string name) => name.ToLowerInvariant().Replace("x-amz-checksum-", "", StringComparison.Ordinal) switch
    {
        "crc32" => new Crc32Checksum(),
        "crc32c" => new TableCrc32(0x82F63B78u),
        "crc64nvme" => new TableCrc64(0x9A6C9329AC4BC9B5ul),
        "sha1" => new HashChecksum(HashAlgorithmName.SHA1),
        "sha256" => new HashChecksum(HashAlgorithmName.SHA256),
        _ => null,
    };

    public abstract void Append(ReadOnlySpan<byte> data);

    /// <summary>Base64 of the big-endian digest of everything appended.</summary>
    public abstract string Base64();

    private sealed class Crc32Checksum : S3Checksum
    {
        private readonly System.IO.Hashing.Crc32 _crc = new();

        public override void Append(ReadOnlySpan<byte> data) => _crc.Append(data);

        public override string Base64()
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, _crc.GetCurrentHashAsUInt32());
            return Convert.ToBase64String(bytes);
        }
    }

    /// <summary>A reflected CRC-32 by table (CRC-32C), init and final XOR all ones.</summary>
    private sealed class TableCrc32 : S3Checksum
    {
        private readonly uint[] _table = new uint[256];
        private uint _crc = uint.MaxValue;

        public TableCrc32(uint polynomial)
        {
            for (uint i = 0; i < 256; i++)
            {
                var c = i;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
                }
                _table[i] = c;
            }
        }

        public override void Append(ReadOnlySpan<byte> data)
        {
            var crc = _crc;
            foreach (var b in data)
            {
                crc = _table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }
            _crc = crc;
        }

        public override string Base64()
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, _crc ^ uint.MaxValue);
            return Convert.ToBase64String(bytes);
        }
    }

    /// <summary>A reflected CRC-64 by table (CRC-64/NVME), init and final XOR all ones.</summary>
    private sealed class TableCrc64 : S3Checksum
    {
        private readonly ulong[] _table = new ulong[256];
        private ulong _crc = ulong.MaxValue;

        public TableCrc64(ulong polynomial)
        {
            for (ulong i = 0; i < 256; i++)
            {
                var c = i;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
                }
                _table[i] = c;
            }
        }

        public override void Append(ReadOnlySpan<byte> data)
        {
            var crc = _crc;
            foreach (var b in data)
            {
                crc = _table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }
            _crc = crc;
        }

        public override string Base64()
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(bytes, _crc ^ ulong.MaxValue);
            return Convert.ToBase64String(bytes);
        }
    }

    private sealed class HashChecksum : S3Checksum
    {
        private readonly IncrementalHash _hash;

        public HashChecksum(HashAlgorithmName name) => _hash = IncrementalHash.CreateHash(name);

        public override void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

        public override string Base64() => Convert.ToBase64String(_hash.GetHashAndReset());
    }
}
