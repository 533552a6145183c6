using Cairn.Core.OAuth;

namespace Cairn.Storage.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    private static AgentGrant NewGrant(string grantId, string accountId = AccountId, long createdAt = 1_700_000_000_000) => new()
    {
        GrantId = grantId,
        AccountId = accountId,
        ApplicationKeyId = "000" + accountId + "0000000001",
        ClientId = "cairn-client-1",
        ClientName = "Claude Desktop",
        Capabilities = ["listBuckets", "readFiles"],
        Resource = "http://127.0.0.1:8787/mcp",
        RedirectUri = "http://127.0.0.1:33418/callback",
        CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        CreatedAt = createdAt,
        ExpiresAt = createdAt + 86_400_000,
    };

    private static GrantCredential NewCredential(string hash, string grantId, GrantCredentialKind kind = GrantCredentialKind.RefreshToken) => new()
    {
        Hash = hash,
        Kind = kind,
        GrantId = grantId,
        ExpiresAt = 1_800_000_000_000,
    };

    [Fact]
    public async Task OAuthClient_RoundTripsEveryField()
    {
        var client = new OAuthClient
        {
            ClientId = "cairn-client-abc",
            ClientName = "Cursor ü",
            RedirectUris = ["cursor://anysphere.cursor-retrieval/oauth/callback", "http://127.0.0.1:6274/cb"],
            CreatedAt = 1_700_000_000_123,
        };

        await Store.InsertOAuthClientAsync(client, Ct);
        var read = await Store.GetOAuthClientAsync(client.ClientId, Ct);

        Assert.NotNull(read);
        Assert.Equal(client.ClientName, read.ClientName);
        Assert.Equal(client.RedirectUris, read.RedirectUris);
        Assert.Equal(client.CreatedAt, read.CreatedAt);
        Assert.Null(await Store.GetOAuthClientAsync("cairn-client-other", Ct));
    }

    [Fact]
    public async Task AgentGrant_RoundTripsEveryField_AndListsByAccountOldestFirst()
    {
        var scoped = NewGrant("grant_b", createdAt: 1_700_000_000_001) with { BucketIds = ["8d625eb63be2775577c70e1a"], NamePrefix = "images/ü/" };
        await Store.InsertAgentGrantAsync(scoped, Ct);
        await Store.InsertAgentGrantAsync(NewGrant("grant_a", createdAt: 1_700_000_000_002), Ct);
        await Store.InsertAgentGrantAsync(NewGrant("grant_c", OtherAccountId), Ct);

        var read = await Store.GetAgentGrantAsync("grant_b", Ct);
        var listed = await Store.ListAgentGrantsAsync(AccountId, Ct);

        Assert.NotNull(read);
        Assert.Equal(scoped.Capabilities, read.Capabilities);
        Assert.Equal(scoped.BucketIds, read.BucketIds);
        Assert.Equal(scoped with { Capabilities = read.Capabilities, BucketIds = read.BucketIds }, read);
        Assert.Null((await Store.GetAgentGrantAsync("grant_a", Ct))!.BucketIds);
        Assert.Equal(["grant_b", "grant_a"], listed.Select(g => g.GrantId));
    }

    [Fact]
    public async Task UseGrantCredential_FirstUseReturnsItUnused_LaterUsesSeeTheFirstUse()
    {
        await Store.InsertAgentGrantAsync(NewGrant("grant_a"), Ct);
        await Store.InsertGrantCredentialAsync(NewCredential("aa11", "grant_a", GrantCredentialKind.AuthorizationCode), Ct);

        var first = await Store.UseGrantCredentialAsync("aa11", 1_700_000_000_500, Ct);
        var second = await Store.UseGrantCredentialAsync("aa11", 1_700_000_000_900, Ct);

        Assert.NotNull(first);
        Assert.Null(first.UsedAt);
        Assert.Equal(GrantCredentialKind.AuthorizationCode, first.Kind);
        Assert.Equal("grant_a", first.GrantId);
        Assert.Equal(1_800_000_000_000, first.ExpiresAt);
        Assert.Equal(1_700_000_000_500, second!.UsedAt);
        Assert.Null(await Store.UseGrantCredentialAsync("bb22", 1_700_000_000_900, Ct));
    }

    [Fact]
    public async Task UseGrantCredential_ConcurrentUses_ExactlyOneIsFirst()
    {
        await Store.InsertAgentGrantAsync(NewGrant("grant_a"), Ct);
        for (var round = 0; round < 20; round++)
        {
            var hash = "race" + round;
            await Store.InsertGrantCredentialAsync(NewCredential(hash, "grant_a"), Ct);
            using var barrier = new Barrier(4);
            var uses = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
            {
                barrier.SignalAndWait();
                return await Store.UseGrantCredentialAsync(hash, 1_700_000_000_000 + i, Ct);
            })).ToList();

            var results = await Task.WhenAll(uses);

            Assert.Single(results, r => r!.UsedAt is null);
        }
    }

    [Fact]
    public async Task DeleteAgentGrant_RemovesItAndEveryCredentialOfIt()
    {
        await Store.InsertAgentGrantAsync(NewGrant("grant_a"), Ct);
        await Store.InsertAgentGrantAsync(NewGrant("grant_b"), Ct);
        await Store.InsertGrantCredentialAsync(NewCredential("a1", "grant_a"), Ct);
        await Store.InsertGrantCredentialAsync(NewCredential("a2", "grant_a", GrantCredentialKind.AuthorizationCode), Ct);
        await Store.InsertGrantCredentialAsync(NewCredential("b1", "grant_b"), Ct);

        var deleted = await Store.DeleteAgentGrantAsync("grant_a", Ct);

        Assert.Equal("grant_a", deleted?.GrantId);
        Assert.Null(await Store.GetAgentGrantAsync("grant_a", Ct));
        Assert.Null(await Store.UseGrantCredentialAsync("a1", 1, Ct));
        Assert.Null(await Store.UseGrantCredentialAsync("a2", 1, Ct));
        Assert.NotNull(await Store.UseGrantCredentialAsync("b1", 1, Ct));
        Assert.Null(await Store.DeleteAgentGrantAsync("grant_a", Ct));
        Assert.Equal(["grant_b"], (await Store.ListAgentGrantsAsync(AccountId, Ct)).Select(g => g.GrantId));
    }

    [Fact]
    public async Task DeleteExpiredOAuth_RemovesExpiredCredentialsAndGrants_AndClientsNoGrantNames()
    {
        const long now = 1_700_000_100_000;
        await Store.InsertOAuthClientAsync(new OAuthClient { ClientId = "cairn-client-1", ClientName = "in use", RedirectUris = ["http://127.0.0.1/cb"], CreatedAt = 1 }, Ct);
        await Store.InsertOAuthClientAsync(new OAuthClient { ClientId = "cairn-client-old", ClientName = "never used", RedirectUris = ["http://127.0.0.1/cb"], CreatedAt = 1 }, Ct);
        await Store.InsertOAuthClientAsync(new OAuthClient { ClientId = "cairn-client-new", ClientName = "just registered", RedirectUris = ["http://127.0.0.1/cb"], CreatedAt = now }, Ct);
        await Store.InsertAgentGrantAsync(NewGrant("grant_live"), Ct);
        await Store.InsertAgentGrantAsync(NewGrant("grant_expired") with { ClientId = "cairn-client-old-grant", ExpiresAt = now - 1 }, Ct);
        await Store.InsertGrantCredentialAsync(NewCredential("live", "grant_live"), Ct);
        await Store.InsertGrantCredentialAsync(NewCredential("spent-code", "grant_live", GrantCredentialKind.AuthorizationCode) with { ExpiresAt = now - 1, UsedAt = now - 2 }, Ct);
        await Store.InsertGrantCredentialAsync(NewCredential("of-expired", "grant_expired"), Ct);

        var removed = await Store.DeleteExpiredOAuthAsync(now, unusedClientsBefore: now - 1000, Ct);

        Assert.Equal(4, removed);
        Assert.Equal(2, await Store.CountOAuthClientsAsync(Ct));
        Assert.NotNull(await Store.GetOAuthClientAsync("cairn-client-1", Ct));
        Assert.NotNull(await Store.GetOAuthClientAsync("cairn-client-new", Ct));
        Assert.Null(await Store.GetOAuthClientAsync("cairn-client-old", Ct));
        Assert.NotNull(await Store.GetAgentGrantAsync("grant_live", Ct));
        Assert.Null(await Store.GetAgentGrantAsync("grant_expired", Ct));
        Assert.NotNull(await Store.UseGrantCredentialAsync("live", now, Ct));
        Assert.Null(await Store.UseGrantCredentialAsync("spent-code", now, Ct));
        Assert.Null(await Store.UseGrantCredentialAsync("of-expired", now, Ct));
    }
}
