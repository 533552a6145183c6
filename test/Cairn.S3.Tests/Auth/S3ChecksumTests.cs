using System.Buffers.Binary;
using System.Text;
using Cairn.S3.Auth;

namespace Cairn.S3.Tests.Auth;

/// <summary>The check values of each CRC's catalogue entry, over "123456789", in S3's base64 big-endian form.</summary>
public sealed class S3ChecksumTests
{
    [Theory]
    [InlineData("crc32", 0xCBF43926ul, 4)]
    [InlineData("crc32c", 0xE3069283ul, 4)]
    [InlineData("crc64nvme", 0xAE8B14860A799888ul, 8)]
    public void Checksum_CheckValue_MatchesCatalogue(string name, ulong check, int bytes)
    {
        var checksum = S3Checksum.Create(name)!;
        checksum.Append(Encoding.ASCII.GetBytes("123"));
        checksum.Append(Encoding.ASCII.GetBytes("456789"));
        var expected = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(expected, check);
        Assert.Equal(Convert.ToBase64String(expected[(8 - bytes)..]), checksum.Base64());
    }
}
