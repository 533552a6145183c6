using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests;

/// <summary>
/// One real Cairn host (on disk, its own data directory) and one private temp directory per test. The server's log
/// goes to the test output when the test ends; both directories are deleted.
/// </summary>
public abstract class CompatTest(ITestOutputHelper output) : IAsyncLifetime
{
    private CairnServer? _server;

    protected ITestOutputHelper Output { get; } = output;

    protected CairnServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    /// <summary>A directory of this test's own for local trees, downloads and client state.</summary>
    protected string TempDir { get; } = Path.Combine(Path.GetTempPath(), "cairn-compat-" + Guid.NewGuid().ToString("N"));

    /// <summary>A bucket name unique to this test (B2 names: 6-50 of a-z, 0-9, '-').</summary>
    protected string BucketName { get; } = "compat-" + Guid.NewGuid().ToString("N")[..16];

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(TempDir);
        _server = await StartServerAsync();
    }

    /// <summary>
    /// Server settings that advertise 5 MB parts (the smallest B2 allows), so clients take their large-file paths
    /// for files of about 12 MB.
    /// </summary>
    protected static IReadOnlyDictionary<string, string> FiveMegabyteParts { get; } = new Dictionary<string, string>
    {
        ["Cairn:RecommendedPartSize"] = "5000000",
        ["Cairn:AbsoluteMinimumPartSize"] = "5000000",
    };

    /// <summary>Starts this test's server: on disk with default settings unless a test class needs otherwise.</summary>
    protected virtual Task<CairnServer> StartServerAsync() => CairnServer.StartAsync();

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            foreach (var line in _server.Logs.Where(l => !l.Contains("Routing.EndpointMiddleware", StringComparison.Ordinal)))
            {
                Output.WriteLine(line);
            }
            await _server.DisposeAsync();
        }
        if (Directory.Exists(TempDir))
        {
            Directory.Delete(TempDir, recursive: true);
        }
    }

    /// <summary>A new empty directory under <see cref="TempDir"/>.</summary>
    protected string NewDirectory(string name) => Directory.CreateDirectory(Path.Combine(TempDir, name)).FullName;
}
