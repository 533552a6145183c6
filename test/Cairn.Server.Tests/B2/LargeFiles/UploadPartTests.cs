using System.Net;
using System.Text;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;

namespace Cairn.Server.Tests.B2.LargeFiles;

public abstract class UploadPartTests(LargeFileFixture fixture)
{
    [Fact]
    public async Task GetUploadPartUrl_ReturnsDistinctUrlsForTheFile()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        var first = await session.CallAsync("b2_get_upload_part_url", new { fileId });
        var second = await session.CallAsync("b2_get_upload_part_url", new { fileId });
        Assert.Equal(["authorizationToken", "fileId", "uploadUrl"], first.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(fileId, first.GetProperty("fileId").GetString());
        Assert.StartsWith($"{session.ApiUrl}/b2api/v2/b2_upload_part/{fileId}/", first.GetProperty("uploadUrl").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(first.GetProperty("authorizationToken").GetString(), second.GetProperty("authorizationToken").GetString());
    }

    [Fact]
    public async Task GetUploadPartUrl_BadIds_Return400()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        Assert.Equal("Invalid fileId: bad-id", await ErrorAsync(await session.PostAsync("b2_get_upload_part_url", new { fileId = "bad-id" }), 400, "bad_request"));
        var small = (await session.UploadAsync(bucketId, "small", "x"u8.ToArray())).GetProperty("fileId").GetString()!;
        await ErrorAsync(await session.PostAsync("b2_get_upload_part_url", new { fileId = small }), 400, "bad_request");
        var finished = (await session.UploadLargeAsync(bucketId, "done", TwoParts(1))).GetProperty("fileId").GetString()!;
        await ErrorAsync(await session.PostAsync("b2_get_upload_part_url", new { fileId = finished }), 400, "bad_request");
    }

    [Fact]
    public async Task UploadPart_ReturnsPartWithServerComputedDigests()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        var content = Bytes(6000, 7);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var part = await session.UploadPartAsync(fileId, 3, content);
        Assert.Equal(["contentLength", "contentMd5", "contentSha1", "fileId", "partNumber", "serverSideEncryption", "uploadTimestamp"],
            part.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(6000, part.GetProperty("contentLength").GetInt64());
        Assert.Equal(Sha1(content), part.GetProperty("contentSha1").GetString());
        Assert.Equal(Md5(content), part.GetProperty("contentMd5").GetString());
        Assert.Equal(fileId, part.GetProperty("fileId").GetString());
        Assert.Equal(3, part.GetProperty("partNumber").GetInt32());
        Assert.InRange(part.GetProperty("uploadTimestamp").GetInt64(), before - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);
    }

    [Fact]
    public async Task UploadPart_HexDigitsAtEndAndDoNotVerify_AreAccepted()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        var one = Bytes(5000, 1);
        var two = Bytes(10, 2);
        var (url, token) = await session.GetPartUrlAsync(fileId);
        var withHex = one.Concat(Encoding.ASCII.GetBytes(Sha1(one))).ToArray();
        var first = await OkAsync(await SendPartAsync(session.Http, url, token, "1", new ByteArrayContent(withHex), "hex_digits_at_end"));
        Assert.Equal(5000, first.GetProperty("contentLength").GetInt64());
        Assert.Equal(Sha1(one), first.GetProperty("contentSha1").GetString());
        var second = await OkAsync(await SendPartAsync(session.Http, url, token, "2", new ByteArrayContent(two), "do_not_verify"));
        Assert.Equal(Sha1(two), second.GetProperty("contentSha1").GetString());
        await OkAsync(await session.FinishAsync(fileId, [Sha1(one), Sha1(two)]));
        Assert.Equal(one.Concat(two).ToArray(), await session.DownloadByIdAsync(fileId));
    }

    [Fact]
    public async Task UploadPart_WrongSha1_Returns400AndStoresNothing()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        await ErrorAsync(await session.SendPartAsync(fileId, 1, Bytes(100, 1), sha1: new string('0', 40)), 400, "bad_request");
        var parts = await session.CallAsync("b2_list_parts", new { fileId });
        Assert.Equal(0, parts.GetProperty("parts").GetArrayLength());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("-1")]
    [InlineData("one")]
    public async Task UploadPart_PartNumberOutOfRange_Returns400(string partNumber)
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        var (url, token) = await session.GetPartUrlAsync(fileId);
        var content = Bytes(10, 1);
        await ErrorAsync(await SendPartAsync(session.Http, url, token, partNumber, new ByteArrayContent(content), Sha1(content)), 400, "bad_request");
    }

    [Fact]
    public async Task UploadPart_PartNumber10000_IsAccepted()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        var part = await session.UploadPartAsync(fileId, 10000, Bytes(10, 1));
        Assert.Equal(10000, part.GetProperty("partNumber").GetInt32());
    }

    [Fact]
    public async Task UploadPart_SamePartNumberAgain_ReplacesThePart()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        var old = Bytes(5000, 1);
        var replacement = Bytes(5100, 2);
        var last = Bytes(7, 3);
        await session.UploadPartAsync(fileId, 1, old);
        await session.UploadPartAsync(fileId, 2, last);
        await session.UploadPartAsync(fileId, 1, replacement);
        var parts = (await session.CallAsync("b2_list_parts", new { fileId })).GetProperty("parts");
        Assert.Equal(2, parts.GetArrayLength());
        Assert.Equal(Sha1(replacement), parts[0].GetProperty("contentSha1").GetString());
        Assert.Equal(5100, parts[0].GetProperty("contentLength").GetInt64());
        await ErrorAsync(await session.FinishAsync(fileId, [Sha1(old), Sha1(last)]), 400, "part_sha1_mismatch");
        await OkAsync(await session.FinishAsync(fileId, [Sha1(replacement), Sha1(last)]));
        Assert.Equal(replacement.Concat(last).ToArray(), await session.DownloadByIdAsync(fileId));
    }

    [Fact]
    public async Task UploadPart_TokenOfAnotherFile_Returns401()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileA = await session.StartIdAsync(bucketId, "a");
        var fileB = await session.StartIdAsync(bucketId, "b");
        var (urlA, _) = await session.GetPartUrlAsync(fileA);
        var (_, tokenB) = await session.GetPartUrlAsync(fileB);
        var content = Bytes(10, 1);
        await ErrorAsync(await SendPartAsync(session.Http, urlA, tokenB, "1", new ByteArrayContent(content), Sha1(content)), 401, "bad_auth_token");
        await ErrorAsync(await SendPartAsync(session.Http, urlA, session.Token, "1", new ByteArrayContent(content), Sha1(content)), 401, "bad_auth_token");
    }

    [Fact]
    public async Task UploadPart_OneTokenUsedByTwoUploadsAtOnce_Returns400AuthTokenLimitWithB2Message()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        var (url, token) = await session.GetPartUrlAsync(fileId);
        var slow = Bytes(20_000, 1);
        var gated = new GatedPartContent(slow, 1000);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = gated };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        request.Headers.TryAddWithoutValidation("X-Bz-Part-Number", "1");
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", Sha1(slow));
        request.Headers.ExpectContinue = true;
        var first = session.Http.SendAsync(request);
        await gated.Started.WaitAsync(TimeSpan.FromSeconds(30));

        var other = Bytes(10, 2);
        var message = await ErrorAsync(await SendPartAsync(session.Http, url, token, "2", new ByteArrayContent(other), Sha1(other)), 400, "auth_token_limit");
        Assert.Equal($"more than one upload using auth token {token}", message);

        gated.Release();
        await OkAsync(await first);
        // Once the first upload is done, the token works again.
        await OkAsync(await SendPartAsync(session.Http, url, token, "2", new ByteArrayContent(other), Sha1(other)));
    }

    [Fact]
    public async Task UploadPart_FinishedOrCancelledFile_Returns400()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        var (url, token) = await session.GetPartUrlAsync(fileId);
        var content = Bytes(10, 1);
        var first = Bytes(LargeFileFixture.MinPartSize, 2);
        await OkAsync(await SendPartAsync(session.Http, url, token, "1", new ByteArrayContent(first), Sha1(first)));
        await OkAsync(await SendPartAsync(session.Http, url, token, "2", new ByteArrayContent(content), Sha1(content)));
        await OkAsync(await session.FinishAsync(fileId, [Sha1(first), Sha1(content)]));
        await ErrorAsync(await SendPartAsync(session.Http, url, token, "2", new ByteArrayContent(content), Sha1(content)), 400, "bad_request");

        var cancelled = await session.StartIdAsync(bucketId, "b");
        var (url2, token2) = await session.GetPartUrlAsync(cancelled);
        await session.CallAsync("b2_cancel_large_file", new { fileId = cancelled });
        await ErrorAsync(await SendPartAsync(session.Http, url2, token2, "1", new ByteArrayContent(content), Sha1(content)), 400, "bad_request");
    }

    [Fact]
    public async Task UploadPart_ManyPartsInParallel_AllStoredAndFinishInOrder()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var parts = Enumerable.Range(1, 24).Select(i => Bytes(5000 + i, i)).ToList();
        var finished = await session.UploadLargeAsync(bucketId, "parallel", parts);
        Assert.Equal(parts.Sum(p => p.Length), finished.GetProperty("contentLength").GetInt64());
        Assert.Equal(Concat(parts), await session.DownloadByIdAsync(finished.GetProperty("fileId").GetString()!));
    }
}

public sealed class UploadPartMemoryTests(MemoryLargeFileFixture fixture) : UploadPartTests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class UploadPartDiskTests(DiskLargeFileFixture fixture) : UploadPartTests(fixture), IClassFixture<DiskLargeFileFixture>;

/// <summary>A body that writes its first bytes, signals, and waits for <see cref="Release"/> before the rest.</summary>
public sealed class GatedPartContent(byte[] bytes, int firstPart) : HttpContent
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public void Release() => _gate.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(bytes.AsMemory(0, firstPart));
        await stream.FlushAsync();
        _started.TrySetResult();
        await _gate.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stream.WriteAsync(bytes.AsMemory(firstPart));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}
