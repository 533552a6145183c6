using System.Security.Cryptography;
using System.Text;
using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Ids;
using Cairn.Storage.Memory;

namespace Cairn.Core.Tests.Files;

public class BlobIngestTests
{
    private readonly MemoryBlobStore _blobs = new();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(131072)]
    [InlineData(400_001)]
    public async Task Ingest_GivenSha1_StoresTheBytesAndBothDigests(int size)
    {
        var data = RandomNumberGenerator.GetBytes(size);
        var (result, stored) = await IngestAsync(data, data.Length, ContentSha1.Given(Hex(SHA1.HashData(data)).ToUpperInvariant()));
        Assert.Equal(size, result.Length);
        Assert.Equal(Hex(SHA1.HashData(data)), result.Sha1);
        Assert.Equal(Hex(MD5.HashData(data)), result.Md5);
        Assert.Equal(result.Sha1, result.ReportedSha1);
        Assert.Equal(data, stored);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(39)]
    [InlineData(200_000)]
    public async Task Ingest_HexDigitsAtEnd_StripsAndChecksTheTrailer(int size)
    {
        var data = RandomNumberGenerator.GetBytes(size);
        var body = data.Concat(Encoding.ASCII.GetBytes(Hex(SHA1.HashData(data)))).ToArray();
        var (result, stored) = await IngestAsync(body, body.Length, ContentSha1.HexDigitsAtEnd);
        Assert.Equal(size, result.Length);
        Assert.Equal(data, stored);
    }

    [Fact]
    public async Task Ingest_HexDigitsAtEnd_WrongTrailer_Refused()
    {
        var data = RandomNumberGenerator.GetBytes(1000);
        var body = data.Concat(Encoding.ASCII.GetBytes(new string('0', 40))).ToArray();
        var e = await Assert.ThrowsAsync<CairnException>(() => IngestAsync(body, body.Length, ContentSha1.HexDigitsAtEnd));
        Assert.Equal(CairnError.BadRequest, e.Error);
    }

    [Fact]
    public async Task Ingest_DoNotVerify_ReportsUnverifiedSha1()
    {
        var data = RandomNumberGenerator.GetBytes(1000);
        var (result, _) = await IngestAsync(data, data.Length, ContentSha1.DoNotVerify);
        Assert.Equal("unverified:" + Hex(SHA1.HashData(data)), result.ReportedSha1);
    }

    [Fact]
    public async Task Ingest_Sha1Mismatch_Refused()
    {
        var data = RandomNumberGenerator.GetBytes(1000);
        var e = await Assert.ThrowsAsync<CairnException>(() => IngestAsync(data, data.Length, ContentSha1.Given(new string('a', 40))));
        Assert.Contains("Sha1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(999)]
    [InlineData(1001)]
    public async Task Ingest_BodyLengthDiffersFromDeclared_Refused(int declared)
    {
        var data = RandomNumberGenerator.GetBytes(1000);
        await Assert.ThrowsAsync<CairnException>(() => IngestAsync(data, declared, ContentSha1.DoNotVerify));
    }

    [Fact]
    public async Task Ingest_HexDigitsAtEnd_DeclaredShorterThan40_Refused() =>
        await Assert.ThrowsAsync<CairnException>(() => IngestAsync(new byte[10], 10, ContentSha1.HexDigitsAtEnd));

    private async Task<(IngestResult Result, byte[] Stored)> IngestAsync(byte[] body, long declared, ContentSha1 sha1)
    {
        var blobId = IdGenerator.NewBlobId();
        IngestResult result;
        await using (var writer = await _blobs.CreateAsync(blobId, default))
        {
            // A stream that returns small, uneven reads, as a network does.
            result = await BlobIngest.IngestAsync(new TrickleStream(body), writer, declared, sha1, default);
            await writer.CommitAsync(default);
        }
        await using var read = await _blobs.OpenReadAsync(blobId, 0, result.Length, default);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        return (result, copy.ToArray());
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        private int _turn;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1 + (_turn++ * 7919 % 70000))], cancellationToken);
    }
}
