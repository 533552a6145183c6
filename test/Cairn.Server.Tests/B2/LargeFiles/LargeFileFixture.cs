using System.Collections.Concurrent;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.LargeFiles;

/// <summary>
/// A real Cairn host with small part sizes, so that large-file tests stay fast: absoluteMinimumPartSize and
/// recommendedPartSize <see cref="MinPartSize"/>, and at most <see cref="MaxUploadSize"/> per upload, part or copy.
/// Fails the class when the server logged an error (an unhandled 500).
/// </summary>
public abstract class LargeFileFixture : IAsyncLifetime
{
    public const int MinPartSize = 5000;
    public const int MaxUploadSize = 100_000;

    private readonly bool _inMemory;
    private readonly ConcurrentDictionary<int, Lazy<Task<B2Session>>> _sessions = new();
    private CairnServer? _server;

    protected LargeFileFixture(bool inMemory) => _inMemory = inMemory;

    public CairnServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Cairn:AbsoluteMinimumPartSize"] = MinPartSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cairn:RecommendedPartSize"] = MinPartSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cairn:MaxUploadSize"] = MaxUploadSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The master-key session for <paramref name="version"/>, authorized once.</summary>
    public Task<B2Session> SessionAsync(int version = 2) =>
        _sessions.GetOrAdd(version, v => new Lazy<Task<B2Session>>(() => B2Session.AuthorizeAsync(Server, v))).Value;

    public async Task InitializeAsync() => _server = await CairnServer.StartAsync(inMemory: _inMemory, settings: Settings);

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
            var errors = _server.Logs.Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("The server logged errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
            }
        }
    }
}

/// <summary>Memory stores.</summary>
public sealed class MemoryLargeFileFixture() : LargeFileFixture(inMemory: true);

/// <summary>SQLite metadata and blob files in a temporary data directory.</summary>
public sealed class DiskLargeFileFixture() : LargeFileFixture(inMemory: false);
