using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Replication;

/// <summary>
/// A server that replicates promptly (<see cref="ReplicationWire.FastSettings"/>). In memory, or on disk with
/// CAIRN_TEST_STORE=disk or postgres.
/// </summary>
public sealed class ReplicationServerFixture : IAsyncLifetime
{
    private CairnServer? _server;
    private B2Session? _session;

    public CairnServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    public B2Session Session => _session ?? throw new InvalidOperationException("the server has not started");

    public async Task InitializeAsync()
    {
        _server = await CairnServer.StartAsync(inMemory: Environment.GetEnvironmentVariable("CAIRN_TEST_STORE") is not ("disk" or "postgres"),
            settings: ReplicationWire.FastSettings());
        _session = await B2Session.AuthorizeAsync(_server, 2);
    }

    public async Task DisposeAsync()
    {
        _session?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
