using System.Net;
using System.Text;
using Cairn.Server.Tests.B2.Keys;
using Cairn.Testing;
using static Cairn.Server.Tests.B2.Keys.KeyCalls;

namespace Cairn.Server.Tests.B2.Downloads;

public class GetDownloadAuthorizationTests(KeyServerFixture fixture) : IClassFixture<KeyServerFixture>
{
    private async Task<(B2Session Master, string BucketName, string BucketId)> PrivateBucketWithFilesAsync()
    {
        var master = await fixture.MasterAsync();
        var name = UniqueBucketName();
        var bucketId = await master.CreateBucketAsync(name);
        foreach (var file in new[] { "shared/a.txt", "shared/deeper/b.txt", "private/c.txt", "sharedX.txt" })
        {
            await master.UploadAsync(bucketId, file, Encoding.UTF8.GetBytes(file));
        }
        return (master, name, bucketId);
    }

    private static async Task<string> AuthorizeDownloadAsync(B2Session session, string bucketId, string prefix, long seconds = 3600, object? extra = null)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["bucketId"] = bucketId;
        body["fileNamePrefix"] = prefix;
        body["validDurationInSeconds"] = seconds;
        var result = await session.CallAsync("b2_get_download_authorization", body);
        Assert.Equal(bucketId, result.GetProperty("bucketId").GetString());
        Assert.Equal(prefix, result.GetProperty("fileNamePrefix").GetString());
        return result.GetProperty("authorizationToken").GetString()!;
    }

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(B2Session session, string path, string? headerToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, session.DownloadUrl + path);
        if (headerToken is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", headerToken);
        }
        var response = await session.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DownloadToken_OpensOnlyItsPrefixInItsBucket(bool asQueryParameter)
    {
        var (master, name, bucketId) = await PrivateBucketWithFilesAsync();
        using var _ = master;
        var token = await AuthorizeDownloadAsync(master, bucketId, "shared/");
        string Path(string file) => asQueryParameter ? $"/file/{name}/{file}?Authorization={Uri.EscapeDataString(token)}" : $"/file/{name}/{file}";
        string? Header() => asQueryParameter ? null : token;

        foreach (var file in new[] { "shared/a.txt", "shared/deeper/b.txt" })
        {
            var (status, body, _) = await GetAsync(master, Path(file), Header());
            Assert.Equal((HttpStatusCode.OK, file), (status, body));
        }
        foreach (var file in new[] { "private/c.txt", "sharedX.txt" })
        {
            var (status, body, _) = await GetAsync(master, Path(file), Header());
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Contains("\"unauthorized\"", body, StringComparison.Ordinal);
        }
        var otherName = UniqueBucketName();
        var otherId = await master.CreateBucketAsync(otherName);
        await master.UploadAsync(otherId, "shared/a.txt", [1]);
        var other = await GetAsync(master, asQueryParameter ? $"/file/{otherName}/shared/a.txt?Authorization={Uri.EscapeDataString(token)}" : $"/file/{otherName}/shared/a.txt", Header());
        Assert.Equal(HttpStatusCode.Unauthorized, other.Status);
        var byId = (await master.CallAsync("b2_list_file_names", new { bucketId, prefix = "shared/a" })).GetProperty("files")[0].GetProperty("fileId").GetString();
        var idDownload = await GetAsync(master, $"/b2api/v2/b2_download_file_by_id?fileId={byId}", token);
        Assert.Equal(HttpStatusCode.Unauthorized, idDownload.Status);
    }

    [Fact]
    public async Task DownloadToken_AfterItsDuration_Returns401ExpiredAuthToken()
    {
        var (master, name, bucketId) = await PrivateBucketWithFilesAsync();
        using var _ = master;
        var token = await AuthorizeDownloadAsync(master, bucketId, "", seconds: 1);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(master, $"/file/{name}/shared/a.txt", token)).Status);
        await Task.Delay(1100);
        var (status, body, _) = await GetAsync(master, $"/file/{name}/shared/a.txt", token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("\"expired_auth_token\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadToken_WithBoundOverrides_RequiresTheSameValues()
    {
        var (master, name, bucketId) = await PrivateBucketWithFilesAsync();
        using var _ = master;
        var token = await AuthorizeDownloadAsync(master, bucketId, "shared/", extra: new { b2ContentDisposition = "attachment; filename=\"a.txt\"", b2CacheControl = "max-age=60" });
        var disposition = Uri.EscapeDataString("attachment; filename=\"a.txt\"");
        var auth = Uri.EscapeDataString(token);

        var both = await GetAsync(master, $"/file/{name}/shared/a.txt?Authorization={auth}&b2ContentDisposition={disposition}&b2CacheControl=max-age%3D60");
        Assert.Equal(HttpStatusCode.OK, both.Status);
        Assert.Equal("attachment; filename=\"a.txt\"", both.Response.Content.Headers.ContentDisposition!.ToString());
        foreach (var query in new[] { "", $"&b2ContentDisposition={disposition}", $"&b2ContentDisposition=inline&b2CacheControl=max-age%3D60" })
        {
            var (status, body, _) = await GetAsync(master, $"/file/{name}/shared/a.txt?Authorization={auth}{query}");
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Contains("\"unauthorized\"", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DownloadToken_IssuerKeyDeleted_StopsWorking()
    {
        var (master, name, bucketId) = await PrivateBucketWithFilesAsync();
        using var _ = master;
        var key = await CreateAsync(master, ["shareFiles"], [bucketId]);
        using var sharer = await B2Session.AuthorizeAsync(fixture.Server, 2, Id(key), Secret(key));
        var token = await AuthorizeDownloadAsync(sharer, bucketId, "shared/");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(master, $"/file/{name}/shared/a.txt", token)).Status);
        await master.CallAsync("b2_delete_key", new { applicationKeyId = Id(key) });
        var (status, body, _) = await GetAsync(master, $"/file/{name}/shared/a.txt", token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("\"bad_auth_token\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDownloadAuthorization_KeyPrefix_BoundsTheTokenPrefix()
    {
        var (master, _, bucketId) = await PrivateBucketWithFilesAsync();
        using var __ = master;
        using var sharer = await SessionForNewKeyAsync(fixture.Server, master, ["shareFiles"], [bucketId], "shared/");
        await AuthorizeDownloadAsync(sharer, bucketId, "shared/");
        await AuthorizeDownloadAsync(sharer, bucketId, "shared/deeper/");
        foreach (var prefix in new[] { "", "share", "private/" })
        {
            var refused = await FailsAsync(() => AuthorizeDownloadAsync(sharer, bucketId, prefix));
            Assert.Equal((401, "unauthorized"), (refused.Status, refused.Code));
        }
        using var reader = await SessionForNewKeyAsync(fixture.Server, master, ["readFiles", "listFiles"], [bucketId]);
        var noShare = await FailsAsync(() => AuthorizeDownloadAsync(reader, bucketId, ""));
        Assert.Equal((401, "unauthorized"), (noShare.Status, noShare.Code));
    }

    public static TheoryData<string, object> InvalidRequests() => new()
    {
        { "duration zero", new { fileNamePrefix = "", validDurationInSeconds = 0 } },
        { "duration over a week", new { fileNamePrefix = "", validDurationInSeconds = 604_801 } },
        { "no duration", new { fileNamePrefix = "" } },
        { "no prefix", new { validDurationInSeconds = 60 } },
        { "override with a line break", new { fileNamePrefix = "", validDurationInSeconds = 60, b2ContentDisposition = "a\nb" } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task GetDownloadAuthorization_InvalidRequest_Returns400BadRequest(string why, object fields)
    {
        var (master, _, bucketId) = await PrivateBucketWithFilesAsync();
        using var __ = master;
        var body = System.Text.Json.JsonSerializer.SerializeToNode(fields)!.AsObject();
        body["bucketId"] = bucketId;
        var refused = await FailsAsync(() => master.CallAsync("b2_get_download_authorization", body));
        Assert.True((refused.Status, refused.Code) == (400, "bad_request"), $"{why}: {refused.Message}");
        var unknown = await FailsAsync(() => master.CallAsync("b2_get_download_authorization", new { bucketId = "0123456789abcdef01234567", fileNamePrefix = "", validDurationInSeconds = 60 }));
        Assert.Equal((400, "bad_bucket_id"), (unknown.Status, unknown.Code));
    }

    [Fact]
    public async Task Download_PublicBucketNeedsNoToken_PrivateBucketDoes()
    {
        using var master = await fixture.MasterAsync();
        var publicName = UniqueBucketName();
        var publicId = await master.CreateBucketAsync(publicName, "allPublic");
        await master.UploadAsync(publicId, "open.txt", [1, 2]);
        var (_, privateName, _) = await PrivateBucketWithFilesAsync();

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(master, $"/file/{publicName}/open.txt")).Status);
        var (status, body, _) = await GetAsync(master, $"/file/{privateName}/shared/a.txt");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("\"unauthorized\"", body, StringComparison.Ordinal);
    }
}
