using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Files;

public sealed class UploadFileTests(MemoryServerFixture memory, DiskServerFixture disk) : IClassFixture<MemoryServerFixture>, IClassFixture<DiskServerFixture>
{
    private static readonly string[] FileVersionKeys =
    [
        "accountId", "action", "bucketId", "contentLength", "contentMd5", "contentSha1", "contentType", "fileId", "fileInfo",
        "fileName", "fileRetention", "legalHold", "serverSideEncryption", "uploadTimestamp",
    ];

    [Theory]
    [MemberData(nameof(TestWire.Versions), MemberType = typeof(TestWire))]
    public async Task UploadFile_Success_ReturnsTheFullFileVersionObject(int version)
    {
        var session = await memory.SessionAsync(version);
        var bucketId = await session.NewBucketAsync();
        var content = TestWire.Bytes("hello world");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var stored = await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, "greeting.txt", content, "text/plain"));

        Assert.Equal(FileVersionKeys, TestWire.Keys(stored));
        Assert.Equal(session.AccountId, stored.GetProperty("accountId").GetString());
        Assert.Equal("upload", stored.GetProperty("action").GetString());
        Assert.Equal(bucketId, stored.GetProperty("bucketId").GetString());
        Assert.Equal(content.Length, stored.GetProperty("contentLength").GetInt64());
        Assert.Equal(TestWire.Md5Hex(content), stored.GetProperty("contentMd5").GetString());
        Assert.Equal(TestWire.Sha1Hex(content), stored.GetProperty("contentSha1").GetString());
        Assert.Equal("text/plain", stored.GetProperty("contentType").GetString());
        Assert.Matches(new Regex($"^4_z{bucketId}_f1[0-9a-f]{{15}}_d[0-9]{{8}}_m[0-9]{{6}}_c[0-9]{{3}}_v[0-9]{{7}}_t[0-9]{{4}}$"), stored.GetProperty("fileId").GetString()!);
        Assert.Equal(JsonValueKind.Object, stored.GetProperty("fileInfo").ValueKind);
        Assert.Empty(stored.GetProperty("fileInfo").EnumerateObject());
        Assert.Equal("greeting.txt", stored.GetProperty("fileName").GetString());
        Assert.Equal("""{"isClientAuthorizedToRead":true,"value":{"mode":null,"retainUntilTimestamp":null}}""", stored.GetProperty("fileRetention").GetRawText());
        Assert.Equal("""{"isClientAuthorizedToRead":true,"value":null}""", stored.GetProperty("legalHold").GetRawText());
        Assert.Equal("""{"algorithm":null,"mode":null}""", stored.GetProperty("serverSideEncryption").GetRawText());
        var timestamp = stored.GetProperty("uploadTimestamp").GetInt64();
        Assert.InRange(timestamp, before - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);
    }

    [Fact]
    public async Task UploadFile_UpperCaseSha1_IsAcceptedAndStoredLowerCase()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var content = TestWire.Bytes("UPPER");
        var stored = await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, "upper.bin", content, sha1: TestWire.Sha1Hex(content).ToUpperInvariant()));
        Assert.Equal(TestWire.Sha1Hex(content), stored.GetProperty("contentSha1").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UploadFile_HexDigitsAtEnd_StoresTheBodyWithoutTheTrailingHex(bool upperCaseTrailer)
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var content = TestWire.Bytes("streamed by rclone");
        var hex = TestWire.Sha1Hex(content);
        var body = content.Concat(Encoding.ASCII.GetBytes(upperCaseTrailer ? hex.ToUpperInvariant() : hex)).ToArray();
        var stored = await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, "streamed.bin", body, sha1: "hex_digits_at_end"));
        Assert.Equal(body.Length - 40, stored.GetProperty("contentLength").GetInt64());
        Assert.Equal(hex, stored.GetProperty("contentSha1").GetString());

        using var download = await session.DownloadAsync("b2api/v2/b2_download_file_by_id?fileId=" + stored.GetProperty("fileId").GetString());
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UploadFile_HexDigitsAtEndWrongTrailer_Returns400AndStoresNothing()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var content = TestWire.Bytes("streamed");
        var body = content.Concat(Encoding.ASCII.GetBytes(TestWire.Sha1Hex(TestWire.Bytes("other")))).ToArray();
        await TestWire.ErrorAsync(await session.UploadEncodedAsync(bucketId, "streamed.bin", body, sha1: "hex_digits_at_end"), 400, "bad_request");
        await AssertNoVersionsAsync(session, bucketId);
    }

    [Fact]
    public async Task UploadFile_DoNotVerify_StoresUnverifiedSha1()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var content = TestWire.Bytes("trust me");
        var stored = await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, "trust.bin", content, sha1: "do_not_verify"));
        Assert.Equal("unverified:" + TestWire.Sha1Hex(content), stored.GetProperty("contentSha1").GetString());
    }

    [Fact]
    public async Task UploadFile_Sha1Mismatch_Returns400AndStoresNothing()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var error = await TestWire.ErrorAsync(await session.UploadEncodedAsync(bucketId, "bad.bin", TestWire.Bytes("data"), sha1: TestWire.Sha1Hex(TestWire.Bytes("other"))), 400, "bad_request");
        Assert.Contains("sha1", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        await AssertNoVersionsAsync(session, bucketId);
    }

    [Fact]
    public async Task UploadFile_Sha1MismatchOnDisk_LeavesNoBlobFileBehind()
    {
        var session = await disk.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        await session.UploadAsync(bucketId, "kept.bin", TestWire.Bytes("kept"));
        var before = BlobFiles();

        var content = new byte[300_000];
        Random.Shared.NextBytes(content);
        await TestWire.ErrorAsync(await session.UploadEncodedAsync(bucketId, "bad.bin", content, sha1: TestWire.Sha1Hex(TestWire.Bytes("other"))), 400, "bad_request");

        Assert.Equal(before, BlobFiles());
        Assert.Equal(["kept.bin"], TestWire.Names(await session.CallAsync("b2_list_file_versions", new { bucketId })));
    }

    // Kestrel drops a connection whose body ends early, so the client may get no answer at all; either way nothing is kept.
    [Fact]
    public async Task UploadFile_BodyShorterThanContentLength_Returns4xxOrClosesAndStoresNothing()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var (url, token) = await session.GetUploadUrlAsync(bucketId);
        var uri = new Uri(url);
        var content = TestWire.Bytes("only half of what was promised");
        var head = $"POST {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nAuthorization: {token}\r\nX-Bz-File-Name: short.bin\r\n"
            + $"Content-Type: application/octet-stream\r\nX-Bz-Content-Sha1: do_not_verify\r\nContent-Length: {content.Length * 2}\r\n\r\n";
        var response = await RawHttp.SendAndCloseAsync(uri, head, content);

        var status = RawHttp.Status(response);
        Assert.True(status is null or >= 400 and < 500, response);
        await AssertNoVersionsAsync(session, bucketId);
    }

    [Fact]
    public async Task UploadFile_ChunkedWithoutContentLength_Returns400AndStoresNothing()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var (url, token) = await session.GetUploadUrlAsync(bucketId);
        var content = TestWire.Bytes("chunked");
        using var response = await TestWire.PostUploadAsync(session.Http, url, token, "chunked.bin", new UnknownLengthContent(content), sha1: TestWire.Sha1Hex(content));
        await TestWire.ErrorAsync(response, 400, "bad_request");
        await AssertNoVersionsAsync(session, bucketId);
    }

    [Theory]
    [InlineData("X-Bz-File-Name")]
    [InlineData("Content-Type")]
    [InlineData("X-Bz-Content-Sha1")]
    public async Task UploadFile_MissingRequiredHeader_Returns400(string missing)
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var (url, token) = await session.GetUploadUrlAsync(bucketId);
        var content = TestWire.Bytes("x");
        using var response = await TestWire.PostUploadAsync(session.Http, url, token,
            missing == "X-Bz-File-Name" ? null : "missing.txt",
            new ByteArrayContent(content),
            missing == "Content-Type" ? null : "text/plain",
            missing == "X-Bz-Content-Sha1" ? null : TestWire.Sha1Hex(content));
        await TestWire.ErrorAsync(response, 400, "bad_request");
        await AssertNoVersionsAsync(session, bucketId);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    [InlineData("HEX_DIGITS_AT_END")]
    [InlineData("unverified:0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33")]
    public async Task UploadFile_GarbageContentSha1_Returns400(string sha1)
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var (url, token) = await session.GetUploadUrlAsync(bucketId);
        using var response = await TestWire.PostUploadAsync(session.Http, url, token, "garbage.txt", new ByteArrayContent(TestWire.Bytes("x")), "text/plain", sha1);
        await TestWire.ErrorAsync(response, 400, "bad_request");
        await AssertNoVersionsAsync(session, bucketId);
    }

    [Theory]
    [InlineData("a%20b.txt", "a b.txt")]
    [InlineData("a+b.txt", "a b.txt")]
    [InlineData("one%2Btwo.txt", "one+two.txt")]
    [InlineData("caf%C3%A9/%E2%82%AC%F0%9F%98%80.txt", "café/€😀.txt")]
    [InlineData("caf%c3%a9.txt", "café.txt")]
    [InlineData("~!$'()*;=:@.txt", "~!$'()*;=:@.txt")]
    [InlineData("%7E%21%24%27%28%29%2A%3B%3D%3A%40.txt", "~!$'()*;=:@.txt")]
    [InlineData("deep/er/and/deeper/file.txt", "deep/er/and/deeper/file.txt")]
    [InlineData("%2C%26%3F%23%25%5C%22%3C%3E%7B%7D%7C%5E%5B%5D%60.txt", ",&?#%\\\"<>{}|^[]`.txt")]
    public async Task UploadFile_PercentEncodedName_IsDecodedAndListed(string encoded, string expected)
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var stored = await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, encoded, TestWire.Bytes("x")));
        Assert.Equal(expected, stored.GetProperty("fileName").GetString());
        Assert.Equal([expected], TestWire.Names(await session.CallAsync("b2_list_file_names", new { bucketId })));
    }

    [Theory]
    [InlineData("bad%FF.txt")]
    [InlineData("bad%C3.txt")]
    [InlineData("bad%01.txt")]
    [InlineData("bad%1F.txt")]
    [InlineData("bad%7F.txt")]
    [InlineData("bad%0A.txt")]
    [InlineData("bad%G1.txt")]
    [InlineData("bad%2")]
    public async Task UploadFile_InvalidName_Returns400AndStoresNothing(string encoded)
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        await TestWire.ErrorAsync(await session.UploadEncodedAsync(bucketId, encoded, TestWire.Bytes("x")), 400, "bad_request");
        await AssertNoVersionsAsync(session, bucketId);
    }

    [Fact]
    public async Task UploadFile_NameOf1024Bytes_IsAcceptedAnd1025IsRefused()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var longest = new string('a', 1020) + "%E2%82%AC"; // 1023 bytes of UTF-8
        await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, longest + "b", TestWire.Bytes("x")));
        await TestWire.ErrorAsync(await session.UploadEncodedAsync(bucketId, longest + "bc", TestWire.Bytes("x")), 400, "bad_request");
        Assert.Single(TestWire.Names(await session.CallAsync("b2_list_file_versions", new { bucketId })));
    }

    [Theory]
    [InlineData("notes.txt", "text/plain")]
    [InlineData("NOTES.TXT", "text/plain")]
    [InlineData("photo.jpg", "image/jpeg")]
    [InlineData("README", "application/octet-stream")]
    [InlineData("dir.d/README", "application/octet-stream")]
    [InlineData("trailing.", "application/octet-stream")]
    public async Task UploadFile_AutoContentType_IsResolvedFromTheExtension(string name, string expected)
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var stored = await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, name, TestWire.Bytes("x"), "b2/x-auto"));
        Assert.Equal(expected, stored.GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task UploadFile_ExplicitContentType_IsStoredVerbatim()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var stored = await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, "page.txt", TestWire.Bytes("x"), "text/html; charset=utf-8"));
        Assert.Equal("text/html; charset=utf-8", stored.GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task UploadFile_InfoHeaders_AreStoredLowerCasedAndPercentDecoded()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var stored = await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, "info.txt", TestWire.Bytes("x"), headers:
        [
            new("X-Bz-Info-src_last_modified_millis", "1637248673875"),
            new("X-Bz-Info-Author", "J%C3%BCrgen+M%C3%BCller%2B1"),
            new("X-Bz-Info-Path", "a%2Fb%20c"),
        ]));
        var info = stored.GetProperty("fileInfo");
        Assert.Equal(["author", "path", "src_last_modified_millis"], TestWire.Keys(info));
        Assert.Equal("1637248673875", info.GetProperty("src_last_modified_millis").GetString());
        Assert.Equal("Jürgen Müller+1", info.GetProperty("author").GetString());
        Assert.Equal("a/b c", info.GetProperty("path").GetString());

        var fileId = stored.GetProperty("fileId").GetString()!;
        var fetched = await session.CallAsync("b2_get_file_info", new { fileId });
        Assert.Equal(info.GetRawText(), fetched.GetProperty("fileInfo").GetRawText());
    }

    [Fact]
    public async Task UploadFile_MoreThanTenInfoEntries_AreAccepted()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var headers = Enumerable.Range(0, 15).Select(i => new KeyValuePair<string, string>($"X-Bz-Info-k{i:D2}", $"v{i}")).ToList();
        var stored = await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, "many.txt", TestWire.Bytes("x"), headers: headers));
        Assert.Equal(15, stored.GetProperty("fileInfo").EnumerateObject().Count());
    }

    [Fact]
    public async Task UploadFile_NameAndInfoOver7000Bytes_Returns400AndStoresNothing()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        // "big.txt" (7) + "a" (1) + value: 6992 bytes fit exactly, 6993 do not.
        await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, "big.txt", TestWire.Bytes("x"), headers: [new("X-Bz-Info-a", new string('v', 6992))]));
        await TestWire.ErrorAsync(await session.UploadEncodedAsync(bucketId, "big.txt", TestWire.Bytes("x"), headers: [new("X-Bz-Info-a", new string('v', 6993))]), 400, "bad_request");
        Assert.Single(TestWire.Names(await session.CallAsync("b2_list_file_versions", new { bucketId })));
    }

    [Theory]
    [InlineData("b2-foo")]
    [InlineData("B2-Content-Type")]
    public async Task UploadFile_ReservedB2InfoName_Returns400(string name)
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        await TestWire.ErrorAsync(await session.UploadEncodedAsync(bucketId, "reserved.txt", TestWire.Bytes("x"), headers: [new("X-Bz-Info-" + name, "x")]), 400, "bad_request");
        await AssertNoVersionsAsync(session, bucketId);
    }

    [Fact]
    public async Task UploadFile_TheFiveB2ContentInfos_AreAccepted()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var stored = await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, "headers.txt", TestWire.Bytes("x"), headers:
        [
            new("X-Bz-Info-b2-content-disposition", Uri.EscapeDataString("attachment; filename=\"report.txt\"")),
            new("X-Bz-Info-b2-content-language", "de-DE"),
            new("X-Bz-Info-b2-expires", Uri.EscapeDataString("Thu, 01 Dec 2044 16:00:00 GMT")),
            new("X-Bz-Info-b2-cache-control", Uri.EscapeDataString("max-age=3600, public")),
            new("X-Bz-Info-b2-content-encoding", "gzip"),
        ]));
        var info = stored.GetProperty("fileInfo");
        Assert.Equal(["b2-cache-control", "b2-content-disposition", "b2-content-encoding", "b2-content-language", "b2-expires"], TestWire.Keys(info));
        Assert.Equal("attachment; filename=\"report.txt\"", info.GetProperty("b2-content-disposition").GetString());
        Assert.Equal("Thu, 01 Dec 2044 16:00:00 GMT", info.GetProperty("b2-expires").GetString());
    }

    [Fact]
    public async Task UploadFile_TokenUsedByTwoConcurrentUploads_Returns400AuthTokenLimitWithTheExactMessage()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var (url, token) = await session.GetUploadUrlAsync(bucketId);
        var slow = new byte[64 * 1024];
        Random.Shared.NextBytes(slow);

        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) };
        using var slowClient = new HttpClient(handler);
        using var gated = new GatedContent(slow, 1024);
        using var first = new HttpRequestMessage(HttpMethod.Post, url) { Content = gated };
        first.Headers.ExpectContinue = true;
        first.Headers.TryAddWithoutValidation("Authorization", token);
        first.Headers.TryAddWithoutValidation("X-Bz-File-Name", "first.bin");
        first.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", TestWire.Sha1Hex(slow));
        gated.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
        var firstResponse = slowClient.SendAsync(first);
        try
        {
            // The body is asked for (100 Continue) only once the server is inside the upload, holding the token.
            await gated.Started.WaitAsync(TimeSpan.FromSeconds(10));
            var content = TestWire.Bytes("second");
            using var second = await TestWire.PostUploadAsync(session.Http, url, token, "second.bin", new ByteArrayContent(content), sha1: TestWire.Sha1Hex(content));
            var error = await TestWire.ErrorAsync(second, 400, "auth_token_limit");
            Assert.Equal($"more than one upload using auth token {token}", error.GetProperty("message").GetString());
        }
        finally
        {
            gated.Release();
        }
        using (var response = await firstResponse)
        {
            Assert.Equal("first.bin", (await TestWire.JsonAsync(response)).GetProperty("fileName").GetString());
        }

        // Once the first upload is done the token serves the next one.
        var third = TestWire.Bytes("third");
        using var thirdResponse = await TestWire.PostUploadAsync(session.Http, url, token, "third.bin", new ByteArrayContent(third), sha1: TestWire.Sha1Hex(third));
        await TestWire.JsonAsync(thirdResponse);
        Assert.Equal(["first.bin", "third.bin"], TestWire.Names(await session.CallAsync("b2_list_file_names", new { bucketId })));
    }

    [Fact]
    public async Task UploadFile_AccountTokenOnTheUploadUrl_Returns401()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var (url, _) = await session.GetUploadUrlAsync(bucketId);
        var content = TestWire.Bytes("x");
        using var response = await TestWire.PostUploadAsync(session.Http, url, session.Token, "x.txt", new ByteArrayContent(content), sha1: TestWire.Sha1Hex(content));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNoVersionsAsync(session, bucketId);
    }

    [Fact]
    public async Task UploadFile_NoToken_Returns401()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var (url, _) = await session.GetUploadUrlAsync(bucketId);
        var content = TestWire.Bytes("x");
        using var response = await TestWire.PostUploadAsync(session.Http, url, null, "x.txt", new ByteArrayContent(content), sha1: TestWire.Sha1Hex(content));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UploadFile_TokenOfBucketAOnTheUrlOfBucketB_Returns401AndStoresNothing()
    {
        var session = await memory.SessionAsync();
        var bucketA = await session.NewBucketAsync();
        var bucketB = await session.NewBucketAsync();
        var (_, tokenA) = await session.GetUploadUrlAsync(bucketA);
        var (urlB, _) = await session.GetUploadUrlAsync(bucketB);
        var content = TestWire.Bytes("x");
        using var response = await TestWire.PostUploadAsync(session.Http, urlB, tokenA, "x.txt", new ByteArrayContent(content), sha1: TestWire.Sha1Hex(content));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNoVersionsAsync(session, bucketA);
        await AssertNoVersionsAsync(session, bucketB);
    }

    [Fact]
    public async Task UploadFile_OneUrlForManySequentialUploads_StoresEach()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var (url, token) = await session.GetUploadUrlAsync(bucketId);
        for (var i = 0; i < 3; i++)
        {
            var content = TestWire.Bytes($"file {i}");
            using var response = await TestWire.PostUploadAsync(session.Http, url, token, $"seq/{i}.txt", new ByteArrayContent(content), sha1: TestWire.Sha1Hex(content));
            await TestWire.JsonAsync(response);
        }
        Assert.Equal(["seq/0.txt", "seq/1.txt", "seq/2.txt"], TestWire.Names(await session.CallAsync("b2_list_file_names", new { bucketId })));
    }

    [Fact]
    public async Task UploadFile_EmptyBody_StoresAnEmptyFile()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var stored = await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, "folder/.bzEmpty", []));
        Assert.Equal(0, stored.GetProperty("contentLength").GetInt64());
        Assert.Equal("da39a3ee5e6b4b0d3255bfef95601890afd80709", stored.GetProperty("contentSha1").GetString());
    }

    [Fact]
    public async Task UploadFile_RoundTripOnDisk_DownloadsTheSameBytes()
    {
        var session = await disk.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var content = new byte[700_000];
        Random.Shared.NextBytes(content);
        var stored = await session.UploadAsync(bucketId, "disk/round trip.bin", content);
        Assert.NotEmpty(BlobFiles());

        using var byId = await session.DownloadAsync("b2api/v2/b2_download_file_by_id?fileId=" + stored.GetProperty("fileId").GetString());
        Assert.Equal(content, await byId.Content.ReadAsByteArrayAsync());
        var bucketName = (await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId, bucketId })).GetProperty("buckets")[0].GetProperty("bucketName").GetString();
        using var byName = await session.DownloadAsync($"file/{bucketName}/disk/round%20trip.bin");
        Assert.Equal(content, await byName.Content.ReadAsByteArrayAsync());
    }

    private static async Task AssertNoVersionsAsync(B2Session session, string bucketId) =>
        Assert.Empty((await session.CallAsync("b2_list_file_versions", new { bucketId })).GetProperty("files").EnumerateArray());

    private List<string> BlobFiles()
    {
        var root = Path.Combine(disk.Server.DataPath!, "blobs");
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [];
    }
}
