using System.Globalization;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Wire;

/// <summary>
/// What every reply carries: a <c>Date</c> header in RFC 1123 GMT (b2sdk checks clock skew on every response), a JSON
/// content type, B2's no-cache header, and for errors exactly <c>{code,message,status}</c> with the HTTP status.
/// </summary>
public sealed class ErrorBodyTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    [Fact]
    public async Task Success_CarriesDateJsonAndNoCacheHeaders()
    {
        var session = await fixture.SessionAsync();

        using var response = await session.PostAsync("b2_list_buckets", new { accountId = session.AccountId });

        await WireAssert.JsonAsync(response);
        Assert.Equal("UTF-8", response.Content.Headers.ContentType?.CharSet, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Authorize_CarriesDateJsonAndNoCacheHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "b2api/v2/b2_authorize_account");
        request.Headers.Authorization = CairnServer.MasterBasicAuth();
        using var response = await fixture.Http.SendAsync(request);

        await WireAssert.JsonAsync(response);
    }

    [Fact]
    public async Task Date_IsCloseToNowAndInGmt()
    {
        var session = await fixture.SessionAsync();

        using var response = await session.PostAsync("b2_list_buckets", new { accountId = session.AccountId });

        var date = Assert.Single(response.Headers.GetValues("Date"));
        Assert.Matches(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$", date);
        var parsed = DateTimeOffset.ParseExact(date, "r", CultureInfo.InvariantCulture);
        Assert.InRange(parsed, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Error400_IsExactlyCodeMessageStatus(int version)
    {
        var session = await fixture.SessionAsync(version);

        using var response = await session.PostAsync("b2_create_bucket", new { accountId = session.AccountId, bucketName = "x", bucketType = "allPrivate" });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task Error401_IsExactlyCodeMessageStatus()
    {
        using var request = WireAssert.Request(HttpMethod.Post, "b2api/v2/b2_list_buckets", "garbage", "{}");
        using var response = await fixture.Http.SendAsync(request);

        await WireAssert.ErrorAsync(response, 401, "bad_auth_token");
    }

    [Fact]
    public async Task Error404_IsExactlyCodeMessageStatus()
    {
        using var response = await fixture.Http.GetAsync("b2api/v2/b2_nope");

        await WireAssert.ErrorAsync(response, 404, "not_found");
    }

    [Fact]
    public async Task Error405_IsExactlyCodeMessageStatus()
    {
        using var response = await fixture.Http.PutAsync("b2api/v2/b2_list_buckets", new StringContent("{}"));

        await WireAssert.ErrorAsync(response, 405, "method_not_allowed");
    }

    [Fact]
    public async Task Error409_IsExactlyCodeMessageStatus()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());

        using var response = await session.PostAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, bucketType = "allPublic", ifRevisionIs = 99 });

        await WireAssert.ErrorAsync(response, 409, "conflict");
    }

    [Fact]
    public async Task Error_OnHead_HasStatusAndNoBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "b2api/v2/b2_nope");
        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.True(response.Headers.Date.HasValue);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
