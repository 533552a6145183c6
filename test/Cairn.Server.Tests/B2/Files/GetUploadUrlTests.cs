using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Files;

public sealed class GetUploadUrlTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    [Fact]
    public async Task GetUploadUrl_ManyCalls_ReturnDistinctUrlAndTokenPairs()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var pairs = new List<(string Url, string Token)>();
        for (var i = 0; i < 8; i++)
        {
            pairs.Add(await session.GetUploadUrlAsync(bucketId));
        }
        Assert.Equal(pairs.Count, pairs.Select(p => p.Url).Distinct().Count());
        Assert.Equal(pairs.Count, pairs.Select(p => p.Token).Distinct().Count());
        Assert.All(pairs, p => Assert.StartsWith(session.ApiUrl, p.Url, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestWire.Versions), MemberType = typeof(TestWire))]
    public async Task GetUploadUrl_AnyVersion_UrlEmbedsThatVersionAndTheBucket(int version)
    {
        var session = await fixture.SessionAsync(version);
        var bucketId = await session.NewBucketAsync();
        var result = await TestWire.JsonAsync(await session.PostAsync("b2_get_upload_url", new { bucketId }));
        Assert.Equal(["authorizationToken", "bucketId", "uploadUrl"], TestWire.Keys(result));
        Assert.Equal(bucketId, result.GetProperty("bucketId").GetString());
        var url = result.GetProperty("uploadUrl").GetString()!;
        Assert.Contains($"/b2api/v{version}/b2_upload_file/{bucketId}/", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUploadUrl_UploadUrlFromOneVersion_AcceptsAnUpload()
    {
        var session = await fixture.SessionAsync(1);
        var bucketId = await session.NewBucketAsync();
        var stored = await session.UploadAsync(bucketId, "v1.txt", TestWire.Bytes("one"));
        Assert.Equal("upload", stored.GetProperty("action").GetString());
    }

    [Fact]
    public async Task GetUploadUrl_UnknownBucket_Returns400BadBucketId()
    {
        var session = await fixture.SessionAsync();
        var unknown = "0123456789abcdef01234567";
        var error = await TestWire.ErrorAsync(await session.PostAsync("b2_get_upload_url", new { bucketId = unknown }), 400, "bad_bucket_id");
        Assert.Contains(unknown, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUploadUrl_GetWithQuery_ReturnsAUrl()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var result = await TestWire.JsonAsync(await session.GetCallAsync("b2_get_upload_url", [new("bucketId", bucketId)]));
        Assert.Equal(bucketId, result.GetProperty("bucketId").GetString());
    }
}
