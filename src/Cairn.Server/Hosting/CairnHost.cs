using Cairn.Core.Auth;
using Cairn.Core.Keys;
using Cairn.Core.Storage;
using Cairn.Server.B2;
using Cairn.Server.B2.Rejections;
using Cairn.Server.Mcp;
using Cairn.Server.OAuth;
using Cairn.Server.OpenApi;
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
        builder.Services.AddCairnMcp(builder.Configuration);
        builder.Services.AddCairnOAuth(builder.Configuration);
        builder.Services.Configure<RouteOptions>(routing => routing.SetParameterPolicy<B2VersionConstraint>(B2VersionConstraint.Name));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseMiddleware<B2ErrorHandler>();
        app.UseMiddleware<B2RequestGuard>();
        app.MapGet("/health", () => Results.Json(new { status = "ok" }));
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapB2();
        app.MapApiReference();
        app.MapCairnOAuth();
        app.MapCairnMcp();
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
            // Before anything opens a file there: a second process on this directory stops here, not in the schema.
            services.GetRequiredService<DataDirectoryLock>();
            LogDataDirectory(logger, dataPath);
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

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "In-memory mode: nothing is written to disk and everything is lost when the server stops")]
    private static partial void LogInMemory(ILogger logger);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Account {AccountId}; master application key id {KeyId}")]
    private static partial void LogAccount(ILogger logger, string accountId, string keyId);
}
