using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Notifications;

/// <summary>
/// A server whose event delivery is fast enough for tests: polls every 50 ms, retries after 100–200 ms, and suspends a
/// rule after 3 failed attempts. In memory, or on disk with CAIRN_TEST_STORE=disk.
/// </summary>
public sealed class NotificationServerFixture : IAsyncLifetime
{
    public const int MaxAttempts = 3;

    private CairnServer? _server;
    private B2Session? _session;

    public CairnServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    public B2Session Session => _session ?? throw new InvalidOperationException("the server has not started");

    public async Task InitializeAsync()
    {
        _server = await CairnServer.StartAsync(inMemory: Environment.GetEnvironmentVariable("CAIRN_TEST_STORE") is not ("disk" or "postgres"), settings: new Dictionary<string, string>
        {
            ["Cairn:AbsoluteMinimumPartSize"] = "1",
            ["Cairn:Notifications:PollInterval"] = "00:00:00.05",
            ["Cairn:Notifications:InitialBackoff"] = "00:00:00.1",
            ["Cairn:Notifications:MaxBackoff"] = "00:00:00.2",
            ["Cairn:Notifications:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _session = await B2Session.AuthorizeAsync(_server, 4);
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
