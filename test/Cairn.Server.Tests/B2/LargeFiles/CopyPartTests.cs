using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;

namespace Cairn.Server.Tests.B2.LargeFiles;

public abstract class CopyPartTests(LargeFileFixture fixture)
{
    private const int Min = LargeFileFixture.MinPartSize;

    [Fact]
    public async Task CopyPart_RangesOfSources_BecomePartsOfALargeFile()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        byte[][] sourceParts = [Bytes(Min, 1), Bytes(Min, 2), Bytes(30, 3)];
        var sourceAll = Concat(sourceParts);
        var largeSource = (await session.UploadLargeAsync(bucketId, "large", sourceParts)).GetProperty("fileId").GetString();
        var small = Bytes(40, 4);
        var smallSource = (await session.UploadAsync(bucketId, "small", small)).GetProperty("fileId").GetString();

        var fileId = await session.StartIdAsync(bucketId, "assembled");
        var one = await session.CallAsync("b2_copy_part", new { sourceFileId = largeSource, largeFileId = fileId, partNumber = 1, range = "bytes=4000-9999" });
        var expectedOne = sourceAll[4000..10000];
        Assert.Equal(["contentLength", "contentMd5", "contentSha1", "fileId", "partNumber", "serverSideEncryption", "uploadTimestamp"],
            one.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(6000, one.GetProperty("contentLength").GetInt64());
        Assert.Equal(Sha1(expectedOne), one.GetProperty("contentSha1").GetString());
        Assert.Equal(Md5(expectedOne), one.GetProperty("contentMd5").GetString());
        Assert.Equal(fileId, one.GetProperty("fileId").GetString());
        Assert.Equal(1, one.GetProperty("partNumber").GetInt32());
        var two = await session.CallAsync("b2_copy_part", new { sourceFileId = smallSource, largeFileId = fileId, partNumber = 2 });
        Assert.Equal(Sha1(small), two.GetProperty("contentSha1").GetString());

        await OkAsync(await session.FinishAsync(fileId, [Sha1(expectedOne), Sha1(small)]));
        Assert.Equal(expectedOne.Concat(small).ToArray(), await session.DownloadByIdAsync(fileId));
    }

    [Fact]
    public async Task CopyPart_RangeEndingAtTheSourceLength_IsClampedLikeADownload()
    {
        // A popular npm library sends bytes=100000000-101000000 for a 101,000,000-byte source: one past the last byte.
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var source = Bytes(Min + 100, 7);
        var sourceId = (await session.UploadAsync(bucketId, "src", source)).GetProperty("fileId").GetString();
        var fileId = await session.StartIdAsync(bucketId, "target");

        await session.CallAsync("b2_copy_part", new { sourceFileId = sourceId, largeFileId = fileId, partNumber = 1, range = $"bytes=0-{Min - 1}" });
        var last = await session.CallAsync("b2_copy_part", new { sourceFileId = sourceId, largeFileId = fileId, partNumber = 2, range = $"bytes={Min}-{source.Length}" });
        Assert.Equal(100, last.GetProperty("contentLength").GetInt64());
        Assert.Equal(Sha1(source[Min..]), last.GetProperty("contentSha1").GetString());
        await OkAsync(await session.FinishAsync(fileId, [Sha1(source[..Min]), Sha1(source[Min..])]));
        Assert.Equal(source, await session.DownloadByIdAsync(fileId));

        var other = await session.StartIdAsync(bucketId, "past");
        await ErrorAsync(await session.PostAsync("b2_copy_part", new { sourceFileId = sourceId, largeFileId = other, partNumber = 1, range = $"bytes={source.Length}-{source.Length + 10}" }), 416, "range_not_satisfiable");
    }

    [Fact]
    public async Task CopyPart_Errors()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var sourceId = (await session.UploadAsync(bucketId, "small", Bytes(100, 1))).GetProperty("fileId").GetString();
        var fileId = await session.StartIdAsync(bucketId, "target");
        await ErrorAsync(await session.PostAsync("b2_copy_part", new { sourceFileId = sourceId, largeFileId = fileId, partNumber = 0 }), 400, "bad_request");
        await ErrorAsync(await session.PostAsync("b2_copy_part", new { sourceFileId = sourceId, largeFileId = fileId, partNumber = 10001 }), 400, "bad_request");
        await ErrorAsync(await session.PostAsync("b2_copy_part", new { sourceFileId = sourceId, largeFileId = fileId }), 400, "bad_request");
        await ErrorAsync(await session.PostAsync("b2_copy_part", new { sourceFileId = sourceId, largeFileId = fileId, partNumber = 1, range = "bytes=100-200" }), 416, "range_not_satisfiable");
        await ErrorAsync(await session.PostAsync("b2_copy_part", new { sourceFileId = sourceId, largeFileId = sourceId, partNumber = 1 }), 400, "bad_request");
        await ErrorAsync(await session.PostAsync("b2_copy_part", new { sourceFileId = fileId, largeFileId = fileId, partNumber = 1 }), 400, "bad_request");
        var list = await session.CallAsync("b2_list_parts", new { fileId });
        Assert.Equal(0, list.GetProperty("parts").GetArrayLength());
    }
}

public sealed class CopyPartMemoryTests(MemoryLargeFileFixture fixture) : CopyPartTests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class CopyPartDiskTests(DiskLargeFileFixture fixture) : CopyPartTests(fixture), IClassFixture<DiskLargeFileFixture>;
