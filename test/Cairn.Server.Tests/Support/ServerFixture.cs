using System.Collections.Concurrent;
using Cairn.Testing;

namespace Cairn.Server.Tests.Support;

/// <summary>
/// One real Cairn host shared by the tests of a class, with one authorized session per API version. Tests keep out
/// of each other's way by creating their own buckets (<see cref="TestWire.UniqueBucketName"/>).
/// </summary>
public abstract class ServerFixture : IAsyncLifetime
{
    private readonly bool _inMemory;
    private readonly ConcurrentDictionary<int, Lazy<Task<B2Session>>> _sessions = new();
    private CairnServer? _server;

    protected ServerFixture(bool inMemory) => _inMemory = inMemory;

    public CairnServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    /// <summary>The master-key session for <paramref name="version"/>, authorized once.</summary>
    public Task<B2Session> SessionAsync(int version = 2) =>
        _sessions.GetOrAdd(version, v => new Lazy<Task<B2Session>>(() => B2Session.AuthorizeAsync(Server, v))).Value;

    public async Task InitializeAsync() => _server = await CairnServer.StartAsync(inMemory: _inMemory);

    public async Task DisposeAsync()
    {
        foreach (var session in _sessions.Values)
        {
            if (session.IsValueCreated && session.Value.IsCompletedSuccessfully)
            {
                session.Value.Result.Dispose();
            }
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>A host with memory stores.</summary>
public sealed class MemoryServerFixture : ServerFixture
{
    public MemoryServerFixture()
        : base(inMemory: true)
    {
    }
}

/// <summary>A host with its own temporary data directory: SQLite metadata and blob files on disk.</summary>
public sealed class DiskServerFixture : ServerFixture
{
    public DiskServerFixture()
        : base(inMemory: false)
    {
    }
}
