using Cairn.B2;
using Cairn.B2.OpenApi;
using Cairn.B2.Rejections;
using Cairn.Console;
using Cairn.Core.Auth;
using Cairn.Core.Keys;
using Cairn.Core.Storage;
using Cairn.Mcp;
using Cairn.Mcp.OAuth;
using Cairn.S3;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Hosting;

/// <summary>Builds and starts the Cairn web application. Tests use it to run the real host on a loopback port.</summary>
public static partial class CairnHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        args = CairnConfiguration.NormalizeArgs(args);
        CommandLineCheck.ThrowIfUnknown(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        CairnConfiguration.Apply(builder.Configuration, args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(CairnConfiguration.DefaultUrl);
        }
        var httpLimits = new HttpLimitOptions();
        builder.Configuration.GetSection(HttpLimitOptions.Section).Bind(httpLimits);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Every limit a slow or hostile client meets, in one place (README: "Slow and hostile clients").
            httpLimits.ApplyTo(kestrel.Limits);
            // Requests Kestrel refuses before Cairn sees them (oversized target or headers, bad bytes) get B2's JSON error too.
            kestrel.ConfigureEndpointDefaults(listen => listen.UseB2Rejections());
        });
        // The hosting diagnostics log every request's URL at Information, query string included, and downloads may
        // carry a download authorization token there (?Authorization=). Tokens must never reach the logs.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Services.AddCairn(builder.Configuration);
        builder.Services.AddCairnB2();
        // B2 hands out the public URL and names the agent endpoint: both are the host's facts.
        builder.Services.AddOptions<B2Options>().Configure<IOptions<CairnServerOptions>>((b2, server) =>
        {
            b2.PublicUrl = server.Value.PublicUrl;
            b2.AgentEndpointPath = McpEndpoints.Path;
        });
        builder.Services.AddOptions<McpSiteOptions>().Configure<IOptions<CairnServerOptions>>((mcp, server) => mcp.PublicUrl = server.Value.PublicUrl);
        builder.Services.AddCairnMcp(builder.Configuration);
        builder.Services.AddCairnS3(builder.Configuration);
        builder.Services.AddCairnOAuth(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        // Every request that reaches the application is marked as such on its connection, S3's too: what the
        // application writes (an S3 HEAD's bodiless 404) must never be taken for a reply Kestrel made on its own.
        app.Use(static (http, next) =>
        {
            RequestTracker.Enter(http);
            return next(http);
        });
        // S3 shares the port: requests signed with SigV4 are S3's; everything else is B2's.
        app.UseCairnS3();
        // A browser asking for "/" (not signed, so not S3's) is sent to the console.
        app.UseCairnConsole();
        app.UseMiddleware<B2ErrorHandler>();
        app.UseMiddleware<B2RequestGuard>();
        app.MapGet("/health", () => Results.Json(new { status = "ok" }));
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapB2();
        app.MapApiReference();
        app.MapCairnOAuth();
        app.MapCairnMcp();
        app.MapCairnConsole();
        return app;
    }

    /// <summary>
    /// Prepares the stores (discarding uploads a crash left half-written) and creates the account on the first start,
    /// before the server accepts its first request. Orphaned blobs are swept in the background (OrphanSweepService). Returns the master key secret when this start generated it.
    /// </summary>
    public static async Task<AccountBootstrap.Result> InitializeAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        var services = app.Services;
        // Every option is checked before anything is opened: a wrong value stops the start naming it.
        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<CairnServerOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Cairn");
        if (options.InMemory)
        {
            LogInMemory(logger);
        }
        else
        {
            var dataPath = Path.GetFullPath(options.DataPath);
            Directory.CreateDirectory(dataPath);
            if (string.IsNullOrWhiteSpace(options.Postgres))
            {
                // Before anything opens a file there: a second process on this directory stops here, not in the schema.
                services.GetRequiredService<DataDirectoryLock>();
                LogDataDirectory(logger, dataPath);
            }
            else
            {
                // No lock: with metadata in PostgreSQL the directory holds only blobs, which several nodes may share.
                LogPostgres(logger, dataPath);
            }
        }
        var metadata = services.GetRequiredService<IMetadataStore>();
        var blobs = services.GetRequiredService<IBlobStore>();
        // Resolve the SSE master key now, so a bad CAIRN_SSE_MASTER_KEY or key file stops the start instead of an upload.
        services.GetRequiredService<Cairn.Core.Encryption.SseKeyring>();
        await metadata.InitializeAsync(cancellationToken);
        await blobs.InitializeAsync(cancellationToken);
        await services.GetRequiredService<AuthService>().InitializeAsync(cancellationToken);
        var result = await AccountBootstrap.EnsureAsync(metadata, options.MasterKeyId, options.MasterKey, services.GetRequiredService<TimeProvider>(), cancellationToken);
        LogAccount(logger, result.Account.AccountId, result.MasterKey.ApplicationKeyId);
        return result;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Data directory: {DataPath} (metadata.db, blobs/)")]
    private static partial void LogDataDirectory(ILogger logger, string dataPath);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Metadata in PostgreSQL; data directory: {DataPath} (blobs/)")]
    private static partial void LogPostgres(ILogger logger, string dataPath);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "In-memory mode: nothing is written to disk and everything is lost when the server stops")]
    private static partial void LogInMemory(ILogger logger);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Account {AccountId}; master application key id {KeyId}")]
    private static partial void LogAccount(ILogger logger, string accountId, string keyId);
}
