using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Keys;

/// <summary>One in-memory server per test class; each test makes its own buckets and keys.</summary>
public sealed class KeyServerFixture : IAsyncLifetime
{
    public CairnServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await CairnServer.StartAsync(inMemory: true);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public Task<B2Session> MasterAsync(int version = 2) => B2Session.AuthorizeAsync(Server, version);
}
