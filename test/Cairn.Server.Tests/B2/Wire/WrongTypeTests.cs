using System.Text;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Wire;

/// <summary>
/// Nested JSON fields of the wrong type (Object Lock retention, a bucket's default retention) and malformed chunked
/// bodies are refused with B2's 400, never answered 500.
/// </summary>
public sealed class WrongTypeTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    public static TheoryData<string, string> NotATimestamp => new()
    {
        { "null", "bad_request" },
        { "\"1999999999999\"", "bad_json" },
        { "true", "bad_json" },
        { "{}", "bad_json" },
        { "[1]", "bad_json" },
        { "1.5", "bad_json" },
        { "1e400", "bad_json" },
    };

    [Theory]
    [MemberData(nameof(NotATimestamp))]
    public async Task UpdateFileRetention_RetainUntilTimestampNotAnInteger_Returns400(string until, string code)
    {
        var (session, bucketId) = await LockedBucketAsync();
        var file = await session.UploadAsync(bucketId, "f.txt", TestWire.Bytes("x"));
        var fileId = file.GetProperty("fileId").GetString();

        using var response = await session.PostRawJsonAsync("b2_update_file_retention",
            $$$"""{"fileId":"{{{fileId}}}","fileName":"f.txt","fileRetention":{"mode":"governance","retainUntilTimestamp":{{{until}}}}}""");

        await WireAssert.ErrorAsync(response, 400, code);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("{}")]
    public async Task UpdateFileRetention_ModeNotAString_Returns400BadJson(string mode)
    {
        var (session, bucketId) = await LockedBucketAsync();
        var file = await session.UploadAsync(bucketId, "f.txt", TestWire.Bytes("x"));
        var fileId = file.GetProperty("fileId").GetString();

        using var response = await session.PostRawJsonAsync("b2_update_file_retention",
            $$$"""{"fileId":"{{{fileId}}}","fileName":"f.txt","fileRetention":{"mode":{{{mode}}},"retainUntilTimestamp":1999999999999}}""");

        await WireAssert.ErrorAsync(response, 400, "bad_json");
    }

    [Theory]
    [MemberData(nameof(NotATimestamp))]
    public async Task StartLargeFile_RetainUntilTimestampNotAnInteger_Returns400(string until, string code)
    {
        var (session, bucketId) = await LockedBucketAsync();

        using var response = await session.PostRawJsonAsync("b2_start_large_file",
            $$$"""{"bucketId":"{{{bucketId}}}","fileName":"big.bin","contentType":"b2/x-auto","fileRetention":{"mode":"governance","retainUntilTimestamp":{{{until}}}}}""");

        await WireAssert.ErrorAsync(response, 400, code);
    }

    [Theory]
    [MemberData(nameof(NotATimestamp))]
    public async Task CopyFile_RetainUntilTimestampNotAnInteger_Returns400(string until, string code)
    {
        var (session, bucketId) = await LockedBucketAsync();
        var file = await session.UploadAsync(bucketId, "f.txt", TestWire.Bytes("x"));
        var fileId = file.GetProperty("fileId").GetString();

        using var response = await session.PostRawJsonAsync("b2_copy_file",
            $$$"""{"sourceFileId":"{{{fileId}}}","fileName":"g.txt","fileRetention":{"mode":"governance","retainUntilTimestamp":{{{until}}}}}""");

        await WireAssert.ErrorAsync(response, 400, code);
    }

    [Theory]
    [InlineData("\"7\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[7]")]
    [InlineData("7.5")]
    [InlineData("1e400")]
    public async Task UpdateBucket_DefaultRetentionDurationNotANumber_Returns400(string duration)
    {
        var (session, bucketId) = await LockedBucketAsync();

        using var response = await session.PostRawJsonAsync("b2_update_bucket",
            $$$$"""{"accountId":"{{{{session.AccountId}}}}","bucketId":"{{{{bucketId}}}}","defaultRetention":{"mode":"governance","period":{"duration":{{{{duration}}}},"unit":"days"}}}""");

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Theory]
    [InlineData("ffffffffffffffffff")]
    [InlineData("zz")]
    [InlineData("-1")]
    public async Task JsonCall_MalformedChunkedBody_Returns400WithB2Body(string chunkSize)
    {
        var session = await fixture.SessionAsync();
        var server = new Uri(fixture.Server.BaseUrl);
        var head = "POST /b2api/v2/b2_list_buckets HTTP/1.1\r\n"
            + $"Host: {server.Authority}\r\n"
            + $"Authorization: {session.Token}\r\n"
            + "Content-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

        // Nothing after the broken size line: the server reads all that was sent, so its close is not a reset that could
        // discard the reply before the test reads it.
        var response = await RawWire.SendAsync(server, [.. Encoding.ASCII.GetBytes(head), .. Encoding.ASCII.GetBytes($"{chunkSize}\r\n")]);

        RawWire.AssertB2ErrorBody(response, 400, "bad_request");
    }

    private async Task<(B2Session Session, string BucketId)> LockedBucketAsync()
    {
        var session = await fixture.SessionAsync();
        var bucket = await session.CallAsync("b2_create_bucket", new
        {
            accountId = session.AccountId,
            bucketName = ServerFixture.NewBucketName(),
            bucketType = "allPrivate",
            fileLockEnabled = true,
        });
        return (session, bucket.GetProperty("bucketId").GetString()!);
    }
}
