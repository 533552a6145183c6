using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Keys;

public class TokenLifetimeTests
{
    [Fact]
    public async Task AccountToken_AfterAuthTokenLifetime_Returns401ExpiredAuthToken()
    {
        await using var server = await CairnServer.StartAsync(inMemory: true, settings: new Dictionary<string, string> { ["Cairn:AuthTokenLifetime"] = "00:00:01" });
        using var master = await B2Session.AuthorizeAsync(server, 2);
        await master.CallAsync("b2_list_buckets", new { accountId = master.AccountId });
        await Task.Delay(1100);
        var refused = await Assert.ThrowsAsync<B2CallException>(() => master.CallAsync("b2_list_buckets", new { accountId = master.AccountId }));
        Assert.Equal((401, "expired_auth_token"), (refused.Status, refused.Code));
    }

    [Theory]
    [InlineData("4_garbage")]
    [InlineData("not-a-token")]
    [InlineData("4_eyJ0.AAAA")]
    public async Task AccountToken_Unknown_Returns401BadAuthToken(string token)
    {
        await using var server = await CairnServer.StartAsync(inMemory: true);
        using var http = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "b2api/v2/b2_list_buckets") { Content = new StringContent("{\"accountId\":\"x\"}") };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("\"bad_auth_token\"", body, StringComparison.Ordinal);
    }
}
