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
    private HttpClient? _http;

    protected ServerFixture(bool inMemory) => _inMemory = inMemory;

    public CairnServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    /// <summary>A client with no default headers, aimed at the server.</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("the server has not started");

    /// <summary>A fresh, valid bucket name: <paramref name="prefix"/> plus random hex, at most 63 characters.</summary>
    public static string NewBucketName(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];

    /// <summary>The master-key session for <paramref name="version"/>, authorized once.</summary>
    public Task<B2Session> SessionAsync(int version = 2) =>
        _sessions.GetOrAdd(version, v => new Lazy<Task<B2Session>>(() => B2Session.AuthorizeAsync(Server, v))).Value;

    public async Task InitializeAsync()
    {
        // CAIRN_TEST_STORE=disk runs the whole suite on SQLite and blob files instead of memory, CAIRN_TEST_STORE=postgres
        // on PostgreSQL and blob files (test.sh does all three).
        var inMemory = _inMemory && Environment.GetEnvironmentVariable("CAIRN_TEST_STORE") is not ("disk" or "postgres");
        _server = await CairnServer.StartAsync(inMemory: inMemory);
        _http = _server.CreateClient();
        _http.Timeout = TimeSpan.FromSeconds(30);
    }

    public async Task DisposeAsync()
    {
        foreach (var session in _sessions.Values)
        {
            if (session.IsValueCreated && session.Value.IsCompletedSuccessfully)
            {
                session.Value.Result.Dispose();
            }
        }
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
            // An unhandled exception answered 500, which no input may cause, even where a test only asserted "not 500".
            var errors = _server.Logs.Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("The server logged errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
            }
        }
    }
}

/// <summary>A host with memory stores (or disk stores when CAIRN_TEST_STORE=disk or postgres).</summary>
public sealed class MemoryServerFixture : ServerFixture
{
    public MemoryServerFixture()
        : base(inMemory: true)
    {
    }
}

/// <summary>A host with its own temporary data directory: SQLite (or, with CAIRN_TEST_STORE=postgres, PostgreSQL) metadata and blob files on disk.</summary>
public sealed class DiskServerFixture : ServerFixture
{
    public DiskServerFixture()
        : base(inMemory: false)
    {
    }
}
