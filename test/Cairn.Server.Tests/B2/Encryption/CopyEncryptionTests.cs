using Cairn.Server.Tests.B2.LargeFiles;
using static Cairn.Server.Tests.B2.Encryption.EncryptionWire;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;

namespace Cairn.Server.Tests.B2.Encryption;

public abstract class CopyEncryptionTests(LargeFileFixture fixture)
{
    [Fact]
    public async Task CopyFile_AcrossModes_DestinationDecryptsToTheSourceBytes()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var (key, otherKey) = (NewKey(), NewKey());
        var content = LargeFileWire.Bytes(30_000, 21);
        var plain = (await session.UploadAsync(bucketId, "plain", content)).GetProperty("fileId").GetString()!;
        var sseB2 = (await session.UploadAsync(bucketId, "b2", content, headers: SseB2Headers)).GetProperty("fileId").GetString()!;
        var sseC = (await session.UploadAsync(bucketId, "c", content, headers: SseCHeaders(key))).GetProperty("fileId").GetString()!;

        var cases = new (string Source, object? SourceSse, object? DestinationSse, string Mode, byte[]? ReadKey)[]
        {
            (plain, null, SseB2, "SSE-B2", null),
            (plain, null, SseC(key), "SSE-C", key),
            (sseB2, null, null, "null", null),
            (sseB2, null, SseB2, "SSE-B2", null),
            (sseB2, null, SseC(otherKey), "SSE-C", otherKey),
            (sseC, SseC(key), null, "null", null),
            (sseC, SseC(key), SseB2, "SSE-B2", null),
            (sseC, SseC(key), SseC(key), "SSE-C", key),
            (sseC, SseC(key), SseC(otherKey), "SSE-C", otherKey),
        };
        foreach (var (source, sourceSse, destinationSse, mode, readKey) in cases)
        {
            var copy = await session.CallAsync("b2_copy_file", new
            {
                sourceFileId = source,
                fileName = "copy",
                sourceServerSideEncryption = sourceSse,
                destinationServerSideEncryption = destinationSse,
            });
            Assert.Equal(mode, Mode(copy));
            Assert.Equal(Sha1(content), copy.GetProperty("contentSha1").GetString());
            var copyId = copy.GetProperty("fileId").GetString()!;
            Assert.Equal(content, await BytesAsync(await session.DownloadByIdAsync(copyId, readKey is null ? null : SseCHeaders(readKey))));
            if (readKey is not null)
            {
                await LargeFileWire.ErrorAsync(await session.DownloadByIdAsync(copyId), 403, "access_denied");
            }
        }
        // A range of an SSE-C source into SSE-B2.
        var ranged = await session.CallAsync("b2_copy_file", new { sourceFileId = sseC, fileName = "ranged", range = "bytes=1000-1999", sourceServerSideEncryption = SseC(key), destinationServerSideEncryption = SseB2 });
        Assert.Equal(Sha1(content[1000..2000]), ranged.GetProperty("contentSha1").GetString());
        Assert.Equal(content[1000..2000], await BytesAsync(await session.DownloadByIdAsync(ranged.GetProperty("fileId").GetString()!)));
    }

    [Fact]
    public async Task CopyFile_SseCSource_WithoutOrWithWrongKey_Returns403AccessDenied()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var sseC = (await session.UploadAsync(bucketId, "c", LargeFileWire.Bytes(100, 1), headers: SseCHeaders(NewKey()))).GetProperty("fileId").GetString()!;
        var unfinished = await session.StartIdAsync(bucketId, "big");

        await LargeFileWire.ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = sseC, fileName = "x" }), 403, "access_denied");
        await LargeFileWire.ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = sseC, fileName = "x", sourceServerSideEncryption = SseC(NewKey()) }), 403, "access_denied");
        await LargeFileWire.ErrorAsync(await session.PostAsync("b2_copy_part", new { sourceFileId = sseC, largeFileId = unfinished, partNumber = 1 }), 403, "access_denied");
    }

    [Fact]
    public async Task CopyPart_SseCSourceIntoSseCLargeFile_AndIntoSseB2LargeFile()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var (sourceKey, fileKey) = (NewKey(), NewKey());
        var content = LargeFileWire.Bytes(LargeFileFixture.MinPartSize + 10, 31);
        var source = (await session.UploadAsync(bucketId, "src", content, headers: SseCHeaders(sourceKey))).GetProperty("fileId").GetString()!;

        var sseCFile = (await session.CallAsync("b2_start_large_file", new { bucketId, fileName = "c-big", contentType = "b2/x-auto", serverSideEncryption = SseC(fileKey) })).GetProperty("fileId").GetString()!;
        await LargeFileWire.ErrorAsync(await session.PostAsync("b2_copy_part", new { sourceFileId = source, largeFileId = sseCFile, partNumber = 1, sourceServerSideEncryption = SseC(sourceKey) }), 400, "bad_request");
        var p1 = await session.CallAsync("b2_copy_part", new
        {
            sourceFileId = source,
            largeFileId = sseCFile,
            partNumber = 1,
            range = $"bytes=0-{LargeFileFixture.MinPartSize - 1}",
            sourceServerSideEncryption = SseC(sourceKey),
            destinationServerSideEncryption = SseC(fileKey),
        });
        Assert.Equal("SSE-C", Mode(p1));
        await session.CallAsync("b2_copy_part", new
        {
            sourceFileId = source,
            largeFileId = sseCFile,
            partNumber = 2,
            range = $"bytes={LargeFileFixture.MinPartSize}-{content.Length - 1}",
            sourceServerSideEncryption = SseC(sourceKey),
            destinationServerSideEncryption = SseC(fileKey),
        });
        await OkAsync(await session.FinishAsync(sseCFile, [Sha1(content[..LargeFileFixture.MinPartSize]), Sha1(content[LargeFileFixture.MinPartSize..])]));
        Assert.Equal(content, await BytesAsync(await session.DownloadByIdAsync(sseCFile, SseCHeaders(fileKey))));

        var sseB2File = (await session.CallAsync("b2_start_large_file", new { bucketId, fileName = "b2-big", contentType = "b2/x-auto", serverSideEncryption = SseB2 })).GetProperty("fileId").GetString()!;
        // b2sdk leaves destinationServerSideEncryption out for SSE-B2 parts.
        var part = await session.CallAsync("b2_copy_part", new { sourceFileId = source, largeFileId = sseB2File, partNumber = 1, range = $"bytes=0-{LargeFileFixture.MinPartSize - 1}", sourceServerSideEncryption = SseC(sourceKey) });
        Assert.Equal("SSE-B2", Mode(part));
        await session.CallAsync("b2_copy_part", new { sourceFileId = source, largeFileId = sseB2File, partNumber = 2, range = $"bytes={LargeFileFixture.MinPartSize}-{content.Length - 1}", sourceServerSideEncryption = SseC(sourceKey) });
        await OkAsync(await session.FinishAsync(sseB2File, [Sha1(content[..LargeFileFixture.MinPartSize]), Sha1(content[LargeFileFixture.MinPartSize..])]));
        Assert.Equal(content, await BytesAsync(await session.DownloadByIdAsync(sseB2File)));
    }
}

public sealed class CopyEncryptionMemoryTests(MemoryLargeFileFixture fixture) : CopyEncryptionTests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class CopyEncryptionDiskTests(DiskLargeFileFixture fixture) : CopyEncryptionTests(fixture), IClassFixture<DiskLargeFileFixture>
{
    [Fact]
    public async Task CopyFile_SameEncryption_SharesBlobs_OtherEncryption_WritesOneNewBlob()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var key = NewKey();
        var source = (await session.UploadAsync(bucketId, "c", LargeFileWire.Bytes(3000, 41), headers: SseCHeaders(key))).GetProperty("fileId").GetString()!;

        // The fixture's server is this class's alone and xUnit runs a class's tests one at a time, so new blob files are ours.
        var before = BlobFiles(fixture.Server).ToHashSet();
        await session.CallAsync("b2_copy_file", new { sourceFileId = source, fileName = "same", sourceServerSideEncryption = SseC(key), destinationServerSideEncryption = SseC(key) });
        await session.CallAsync("b2_copy_file", new { sourceFileId = source, fileName = "same-range", range = "bytes=5-50", sourceServerSideEncryption = SseC(key), destinationServerSideEncryption = SseC(key) });
        var shared = BlobFiles(fixture.Server).Except(before).ToList();
        await session.CallAsync("b2_copy_file", new { sourceFileId = source, fileName = "other", sourceServerSideEncryption = SseC(key), destinationServerSideEncryption = SseB2 });
        var reencrypted = BlobFiles(fixture.Server).Except(before).ToList();

        Assert.Empty(shared);
        Assert.Single(reencrypted);
    }
}
