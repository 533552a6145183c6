using System.Text.Json;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;

namespace Cairn.Server.Tests.B2.LargeFiles;

public abstract class ListPartsTests(LargeFileFixture fixture)
{
    [Fact]
    public async Task ListParts_PagesInPartNumberOrder()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        foreach (var number in new[] { 5, 1, 3, 2, 4 })
        {
            await session.UploadPartAsync(fileId, number, Bytes(10 + number, number));
        }
        var first = await session.CallAsync("b2_list_parts", new { fileId, maxPartCount = 2 });
        Assert.Equal([1, 2], Numbers(first));
        Assert.Equal(3, first.GetProperty("nextPartNumber").GetInt32());
        var second = await session.CallAsync("b2_list_parts", new { fileId, startPartNumber = 3, maxPartCount = 2 });
        Assert.Equal([3, 4], Numbers(second));
        Assert.Equal(5, second.GetProperty("nextPartNumber").GetInt32());
        var third = await session.CallAsync("b2_list_parts", new { fileId, startPartNumber = 5, maxPartCount = 2 });
        Assert.Equal([5], Numbers(third));
        Assert.Equal(JsonValueKind.Null, third.GetProperty("nextPartNumber").ValueKind);

        var all = await session.CallAsync("b2_list_parts", new { fileId, startPartNumber = (int?)null });
        Assert.Equal([1, 2, 3, 4, 5], Numbers(all));
        var part = all.GetProperty("parts")[2];
        Assert.Equal(13, part.GetProperty("contentLength").GetInt64());
        Assert.Equal(Sha1(Bytes(13, 3)), part.GetProperty("contentSha1").GetString());
        Assert.Equal(Md5(Bytes(13, 3)), part.GetProperty("contentMd5").GetString());
        Assert.Equal(fileId, part.GetProperty("fileId").GetString());
    }

    [Fact]
    public async Task ListParts_StartPartNumberZero_ReadsAsOne()
    {
        // The npm backblaze-b2 library sends startPartNumber 0 when its caller gives none; b2sdk's RawSimulator reads 0 as 1.
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        await session.UploadPartAsync(fileId, 1, Bytes(10, 1));
        await session.UploadPartAsync(fileId, 2, Bytes(10, 2));

        var page = await session.CallAsync("b2_list_parts", new { fileId, startPartNumber = 0 });

        Assert.Equal([1, 2], Numbers(page));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextPartNumber").ValueKind);
        await ErrorAsync(await session.PostAsync("b2_list_parts", new { fileId, startPartNumber = -1 }), 400, "bad_request");
    }

    [Fact]
    public async Task ListParts_GetWithQueryString_Works()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        await session.UploadPartAsync(fileId, 1, Bytes(10, 1));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{session.ApiUrl}/b2api/v1/b2_list_parts?fileId={fileId}&maxPartCount=1");
        request.Headers.TryAddWithoutValidation("Authorization", session.Token);
        Assert.Equal([1], Numbers(await OkAsync(await session.Http.SendAsync(request))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task ListParts_MaxPartCountOutOfRange_Returns400(int maxPartCount)
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        await ErrorAsync(await session.PostAsync("b2_list_parts", new { fileId, maxPartCount }), 400, "bad_request");
    }

    [Fact]
    public async Task ListParts_FinishedOrUnknownFile_Returns400()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var finished = (await session.UploadLargeAsync(bucketId, "done", TwoParts(1))).GetProperty("fileId").GetString()!;
        await ErrorAsync(await session.PostAsync("b2_list_parts", new { fileId = finished }), 400, "bad_request");
        await ErrorAsync(await session.PostAsync("b2_list_parts", new { fileId = "nope" }), 400, "bad_request");
    }

    private static List<int> Numbers(JsonElement page) =>
        page.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("partNumber").GetInt32()).ToList();
}

public sealed class ListPartsMemoryTests(MemoryLargeFileFixture fixture) : ListPartsTests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class ListPartsDiskTests(DiskLargeFileFixture fixture) : ListPartsTests(fixture), IClassFixture<DiskLargeFileFixture>;
