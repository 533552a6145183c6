using Cairn.Server.Tests.Support;
namespace Cairn.Server.Tests.B2.Wire;

/// <summary>Every JSON call answers under /b2api/v1 to v4; anything else is an unknown path.</summary>
public sealed class ApiVersionTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task ListBuckets_UnderEveryVersion_Works(int version)
    {
        var session = await fixture.SessionAsync();

        using var response = await session.PostAsync("b2_list_buckets", new { accountId = session.AccountId }, version);

        await WireAssert.JsonAsync(response);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Token_FromOneVersion_WorksUnderAnother(int authorizedUnder)
    {
        var session = await fixture.SessionAsync(authorizedUnder);

        using var response = await session.PostAsync("b2_list_buckets", new { accountId = session.AccountId }, authorizedUnder == 1 ? 4 : 1);

        await WireAssert.JsonAsync(response);
    }

    [Theory]
    [InlineData("b2api/v5/b2_list_buckets")]
    [InlineData("b2api/v0/b2_list_buckets")]
    [InlineData("b2api/v10/b2_list_buckets")]
    [InlineData("b2api/V2/b2_list_buckets")]
    [InlineData("b2api/2/b2_list_buckets")]
    [InlineData("b2api/v5/b2_authorize_account")]
    public async Task UnknownVersion_Returns404NotFound(string path)
    {
        var session = await fixture.SessionAsync();

        using var request = WireAssert.Request(HttpMethod.Post, path, session.Token, $$"""{"accountId":"{{session.AccountId}}"}""");
        using var response = await fixture.Http.SendAsync(request);

        await WireAssert.ErrorAsync(response, 404, "not_found");
    }

    [Theory]
    [InlineData("b2api/v2/b2_nope")]
    [InlineData("b2api/v2/")]
    [InlineData("b2api/v2/b2_list_buckets/extra")]
    [InlineData("b2api")]
    [InlineData("nothing-here")]
    public async Task UnknownPath_Returns404NotFoundJson(string path)
    {
        var session = await fixture.SessionAsync();

        using var request = WireAssert.Request(HttpMethod.Post, path, session.Token, "{}");
        using var response = await fixture.Http.SendAsync(request);

        await WireAssert.ErrorAsync(response, 404, "not_found");
    }

    [Theory]
    [InlineData("PUT", "b2api/v2/b2_list_buckets")]
    [InlineData("DELETE", "b2api/v2/b2_list_buckets")]
    [InlineData("PATCH", "b2api/v2/b2_create_bucket")]
    [InlineData("PUT", "b2api/v1/b2_authorize_account")]
    [InlineData("DELETE", "b2api/v4/b2_delete_bucket")]
    public async Task WrongMethod_Returns405Json(string method, string path)
    {
        var session = await fixture.SessionAsync();

        using var request = WireAssert.Request(new HttpMethod(method), path, session.Token, "{}");
        using var response = await fixture.Http.SendAsync(request);

        await WireAssert.ErrorAsync(response, 405, "method_not_allowed");
    }
}
