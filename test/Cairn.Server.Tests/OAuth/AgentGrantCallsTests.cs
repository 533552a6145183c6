using System.Net;
using System.Text.Json;
using Cairn.Server.Tests.Support;
using Cairn.Testing;
using static Cairn.Server.Tests.B2.Keys.KeyCalls;

namespace Cairn.Server.Tests.OAuth;

/// <summary>Granted agents listed and revoked: b2_list_agent_grants / b2_revoke_agent_grant, and the grants page's calls.</summary>
public class AgentGrantCallsTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private static readonly string[] ReadOnly = ["listBuckets", "listFiles", "readFiles"];

    [Fact]
    public async Task B2Calls_ListTheGrantToItsKeyAndTheMaster_NotToAnotherKey_AndRevokeEndsItsTokens()
    {
        var master = await fixture.SessionAsync(4);
        var key = await CreateAsync(master, ReadOnly, version: 4);
        var stranger = await CreateAsync(master, ReadOnly, version: 4);
        using var agent = new OAuthAgent(fixture.Server);
        var (access, _) = await agent.SignInAsync(Id(key), Secret(key), ["listFiles"]);
        using var own = await B2Session.AuthorizeAsync(fixture.Http, 4, Id(key), Secret(key));
        using var other = await B2Session.AuthorizeAsync(fixture.Http, 4, Id(stranger), Secret(stranger));

        var ownList = await own.CallAsync("b2_list_agent_grants", new { });
        var masterList = await master.CallAsync("b2_list_agent_grants", new { });
        var strangerList = await other.CallAsync("b2_list_agent_grants", new { });
        var grant = ownList.GetProperty("grants").EnumerateArray().Single();
        var grantId = grant.GetProperty("grantId").GetString()!;

        Assert.Equal(Id(key), grant.GetProperty("applicationKeyId").GetString());
        Assert.Equal(["listFiles"], grant.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Test Agent", grant.GetProperty("clientName").GetString());
        Assert.Contains(masterList.GetProperty("grants").EnumerateArray(), g => g.GetProperty("grantId").GetString() == grantId);
        Assert.Empty(strangerList.GetProperty("grants").EnumerateArray());
        Assert.DoesNotContain(access, ownList.ToString(), StringComparison.Ordinal);

        await Assert.ThrowsAsync<B2CallException>(() => other.CallAsync("b2_revoke_agent_grant", new { grantId }));
        var revoked = await own.CallAsync("b2_revoke_agent_grant", new { grantId });
        using var mcp = await agent.RawMcpAsync(access);

        Assert.Equal(grantId, revoked.GetProperty("grantId").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
        Assert.Empty((await own.CallAsync("b2_list_agent_grants", new { })).GetProperty("grants").EnumerateArray());
    }

    [Fact]
    public async Task GrantsPage_ListsAndRevokesWithTheKey()
    {
        var master = await fixture.SessionAsync(4);
        var key = await CreateAsync(master, ReadOnly, version: 4);
        using var agent = new OAuthAgent(fixture.Server);
        var (access, _) = await agent.SignInAsync(Id(key), Secret(key), ReadOnly);

        using var page = await agent.Http.GetAsync("oauth/grants");
        var listed = await PostAsync(agent, "oauth/grants/list", new() { ["key_id"] = Id(key), ["application_key"] = Secret(key) });
        var grantId = listed.GetProperty("grants").EnumerateArray().Single().GetProperty("grantId").GetString()!;
        var badKey = await agent.Http.PostAsync("oauth/grants/list", new FormUrlEncodedContent(new Dictionary<string, string> { ["key_id"] = Id(key), ["application_key"] = "nope" }));
        await PostAsync(agent, "oauth/grants/revoke", new() { ["key_id"] = Id(key), ["application_key"] = Secret(key), ["grant_id"] = grantId });
        using var mcp = await agent.RawMcpAsync(access);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
    }

    private static async Task<JsonElement> PostAsync(OAuthAgent agent, string path, Dictionary<string, string> form)
    {
        using var response = await agent.Http.PostAsync(path, new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
