using Cairn.Core;
using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Encryption;
using Cairn.Core.FileLock;
using Cairn.Core.Files;
using Cairn.Core.Keys;
using Cairn.Core.LargeFiles;
using Cairn.Core.Lifecycle;
using Cairn.Core.Limits;
using Cairn.Core.Notifications;
using Cairn.Core.Observability;
using Cairn.Core.Replication;
using Cairn.Core.Storage;
using Cairn.Server.Replication;
using Cairn.Storage.FileSystem;
using Cairn.Storage.Memory;
using Cairn.Storage.Postgres;
using Cairn.Storage.Postgres.Options;
using Cairn.Storage.Sqlite;
using Cairn.Storage.Sqlite.Options;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Cairn.Server.Hosting;

/// <summary>Wires the object service to the stores chosen by configuration. The only place that names a concrete store.</summary>
public static class CairnServiceCollectionExtensions
{
    /// <summary>Section <c>Cairn:Storage:Sqlite</c>, with the database file in the data directory.</summary>
    private static SqliteMetadataOptions SqliteOptions(IConfiguration configuration, CairnServerOptions server)
    {
        var sqlite = new SqliteMetadataOptions();
        configuration.GetSection("Cairn:Storage:Sqlite").Bind(sqlite);
        sqlite.DatabasePath = Path.Combine(Path.GetFullPath(server.DataPath), "metadata.db");
        return sqlite;
    }

    /// <summary>Section <c>Cairn:Storage:Postgres</c>, with the connection string from <c>--postgres</c> / <c>CAIRN_POSTGRES</c>.</summary>
    private static PostgresMetadataOptions PostgresOptions(IConfiguration configuration, CairnServerOptions server)
    {
        var postgres = new PostgresMetadataOptions();
        configuration.GetSection("Cairn:Storage:Postgres").Bind(postgres);
        postgres.ConnectionString = server.Postgres!;
        return postgres;
    }

    public static IServiceCollection AddCairn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CairnServerOptions>().Bind(configuration.GetSection(CairnServerOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CairnServerOptions>, CairnServerOptionsValidator>();
        AddValidated<ObjectServiceOptions, ObjectServiceOptionsValidator>(services, configuration, CairnServerOptions.Section);
        services.AddSingleton(TimeProvider.System);
        AddValidated<FaultOptions, FaultOptionsValidator>(services, configuration, FaultOptions.Section);
        AddValidated<RateLimitOptions, RateLimitOptionsValidator>(services, configuration, RateLimitOptions.Section);
        AddValidated<CapOptions, CapOptionsValidator>(services, configuration, CapOptions.Section);
        services.AddSingleton<FaultPolicy>();
        services.AddSingleton<AccountCaps>();
        services.AddSingleton<AuthorizeThrottle>();
        AddValidated<NotificationOptions, NotificationOptionsValidator>(services, configuration, NotificationOptions.Section);
        AddValidated<ReplicationOptions, ReplicationOptionsValidator>(services, configuration, ReplicationOptions.Section);

        // Held, once resolved, until the host is disposed (CairnHost.InitializeAsync resolves it first).
        services.AddSingleton(sp => DataDirectoryLock.Acquire(Path.GetFullPath(sp.GetRequiredService<IOptions<CairnServerOptions>>().Value.DataPath)));
        services.AddSingleton<IMetadataStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CairnServerOptions>>().Value;
            if (options.InMemory)
            {
                return new MemoryMetadataStore();
            }
            return string.IsNullOrWhiteSpace(options.Postgres)
                ? new SqliteMetadataStore(SqliteOptions(configuration, options))
                : new PostgresMetadataStore(PostgresOptions(configuration, options), sp.GetRequiredService<ILogger<PostgresMetadataStore>>());
        });
        services.AddSingleton<IBlobStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CairnServerOptions>>().Value;
            return options.InMemory
                ? new MemoryBlobStore()
                : new FileSystemBlobStore(new FileSystemBlobStoreOptions
                {
                    RootDirectory = Path.GetFullPath(options.DataPath),
                    TemporaryFileGrace = SharedDataDirectory.GraceFor(options),
                });
        });

        services.AddSingleton(sp => SseMasterKeyFile.Load(
            sp.GetRequiredService<IOptions<CairnServerOptions>>().Value, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Cairn")));
        services.AddSingleton<SseKeyring>();
        services.AddSingleton<AuthService>();
        services.AddSingleton<KeyService>();
        services.AddSingleton<BucketService>();
        services.AddSingleton<BlobReclaimer>();
        services.AddSingleton<UploadService>();
        services.AddSingleton<FileService>();
        services.AddSingleton<ListingService>();
        services.AddSingleton<DownloadService>();
        services.AddSingleton<LifecycleService>();
        services.AddHostedService<LifecycleBackgroundService>();
        services.AddHostedService<OrphanSweepService>();
        // /metrics: ASP.NET Core's request metrics, the runtime's, and Cairn's own, in Prometheus text format.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(CairnMetrics.MeterName, "System.Runtime")
            .AddPrometheusExporter());
        services.AddSingleton<LargeFileService>();
        services.AddSingleton<CopyService>();
        services.AddSingleton<FileLockService>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService<NotificationBackgroundService>();
        services.AddSingleton<IReplicationRemotes, B2ReplicationRemotes>();
        services.AddSingleton<ReplicationDispatcher>();
        services.AddHostedService<ReplicationBackgroundService>();
        return services;
    }

    /// <summary>
    /// Options bound from <paramref name="section"/> and checked by <typeparamref name="TValidator"/> when the host
    /// starts (or first asks for them); Core's services take the bound value itself.
    /// </summary>
    private static void AddValidated<T, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where T : class
        where TValidator : class, IValidateOptions<T>
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, TValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
    }
}
