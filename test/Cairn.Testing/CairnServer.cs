using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Cairn.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cairn.Testing;

/// <summary>
/// The real Cairn host on 127.0.0.1 with a free port, in this process: its own data directory (or memory), a fixed
/// master key, and its logs captured for the test output. Dispose stops it and deletes the data directory.
/// </summary>
public sealed class CairnServer : IAsyncDisposable
{
    public const string MasterKeyId = "0123456789ab";
    public const string MasterKey = "K000testMasterKeyForCairnTests01";

    private readonly WebApplication _app;
    private readonly bool _ownsDataPath;
    private readonly string? _postgresSchema;

    private CairnServer(WebApplication app, string? dataPath, bool ownsDataPath, string? postgresSchema, ConcurrentQueue<string> logs)
    {
        _app = app;
        DataPath = dataPath;
        _ownsDataPath = ownsDataPath;
        _postgresSchema = postgresSchema;
        Logs = logs;
        BaseUrl = app.Urls.First().TrimEnd('/');
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The data directory, or null in memory.</summary>
    public string? DataPath { get; }

    public ConcurrentQueue<string> Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Whether servers with a data directory keep their metadata in PostgreSQL (<c>CAIRN_TEST_STORE=postgres</c>, which
    /// test.sh sets for one more run of the integration suite) rather than in SQLite's metadata.db.
    /// </summary>
    public static bool MetadataOnPostgres => Environment.GetEnvironmentVariable("CAIRN_TEST_STORE") == "postgres";

    /// <summary>
    /// Applied to every server this process starts, before its own configuration: a test assembly uses it to put
    /// recorders in front of every request (Cairn.Server.Tests checks each exchange against /openapi.json).
    /// </summary>
    public static Action<WebApplicationBuilder>? ConfigureEveryServer { get; set; }

    /// <summary>Starts a server, e.g. with settings <c>Cairn:RecommendedPartSize</c> = …</summary>
    /// <param name="inMemory">Memory stores instead of a data directory.</param>
    /// <param name="dataPath">A data directory to use (and keep); default a fresh temporary one, deleted on dispose.</param>
    /// <param name="settings">Extra configuration keys.</param>
    /// <param name="time">A clock to replace the system's, for tests that move time forward.</param>
    /// <param name="postgres">Metadata in PostgreSQL (true) or SQLite (false) for a test about one of them; default <see cref="MetadataOnPostgres"/>.</param>
    public static async Task<CairnServer> StartAsync(bool inMemory = false, string? dataPath = null, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? time = null, bool? postgres = null)
    {
        var ownsDataPath = false;
        if (!inMemory && dataPath is null)
        {
            dataPath = Path.Combine(Path.GetTempPath(), "cairn-test-" + Guid.NewGuid().ToString("N"));
            ownsDataPath = true;
        }
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--Cairn:MasterKeyId", MasterKeyId,
            "--Cairn:MasterKey", MasterKey,
        };
        string? postgresSchema = null;
        if (inMemory)
        {
            args.Add("--in-memory");
        }
        else
        {
            args.Add("--data");
            args.Add(dataPath!);
            if (postgres ?? MetadataOnPostgres)
            {
                // A schema per data directory: a server started again on the same directory finds its metadata again.
                postgresSchema = "t_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataPath!))))[..32];
                args.Add("--postgres");
                args.Add(await TestPostgres.CreateSchemaAsync(postgresSchema));
            }
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            args.Add($"--{key}={value}");
        }
        var logs = new ConcurrentQueue<string>();
        var app = CairnHost.Build(args.ToArray(), builder =>
        {
            ConfigureEveryServer?.Invoke(builder);
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddProvider(new QueueLoggerProvider(logs));
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        try
        {
            await CairnHost.InitializeAsync(app);
            await app.StartAsync();
        }
        catch
        {
            // A refused start (a data directory another server holds) must not keep what it did open.
            await app.DisposeAsync();
            throw;
        }
        return new CairnServer(app, dataPath, ownsDataPath, postgresSchema, logs);
    }

    /// <summary>An HttpClient aimed at the server, with no default headers.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromMinutes(2) };

    /// <summary><c>Basic base64(keyId:key)</c> for the master key.</summary>
    public static AuthenticationHeaderValue MasterBasicAuth() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{MasterKeyId}:{MasterKey}")));

    public T GetService<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        var checks = _app.Services.GetServices<IServerCheck>().ToList();
        await _app.DisposeAsync();
        if (_ownsDataPath && DataPath is not null && Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
        if (_ownsDataPath && _postgresSchema is not null)
        {
            await TestPostgres.DropSchemaAsync(_postgresSchema);
        }
        foreach (var check in checks)
        {
            check.ThrowIfFailed();
        }
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(sink, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<string> sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
        }
    }
}
