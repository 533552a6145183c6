using System.Collections.Concurrent;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2;

/// <summary>
/// One in-memory Cairn server shared by the tests of a class, with one master-key session per API version.
/// Tests keep out of each other's way by naming their buckets uniquely (<see cref="NewBucketName"/>).
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<int, Task<B2Session>> _sessions = new();
    private CairnServer? _server;
    private HttpClient? _http;

    public CairnServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    /// <summary>A client with no default headers, aimed at the server.</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("the server has not started");

    public async Task InitializeAsync()
    {
        _server = await CairnServer.StartAsync(inMemory: true);
        _http = _server.CreateClient();
        _http.Timeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>A master-key session authorized under <c>/b2api/v{version}/</c>, made once per version.</summary>
    public Task<B2Session> SessionAsync(int version = 2) => _sessions.GetOrAdd(version, v => B2Session.AuthorizeAsync(Server, v));

    /// <summary>A fresh, valid bucket name: <paramref name="prefix"/> plus random hex, at most 63 characters.</summary>
    public static string NewBucketName(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];

    /// <summary>
    /// Stops the server, then fails the class if the server logged an error: an unhandled exception answered 500,
    /// which no input may cause, even where a test only asserted "not 500".
    /// </summary>
    public async Task DisposeAsync()
    {
        foreach (var session in _sessions.Values)
        {
            (await session).Dispose();
        }
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
            var errors = _server.Logs.Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("The server logged errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
            }
        }
    }
}
