namespace Cairn.Server.Hosting;

/// <summary>
/// Configuration sources in the usual ASP.NET Core order — appsettings.json, an optional <c>--config</c> file,
/// environment, command line — plus Cairn's short names for the settings people set most.
/// </summary>
public static class CairnConfiguration
{
    /// <summary>Documented environment variables and the configuration keys they set.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentAliases { get; } = new Dictionary<string, string>
    {
        ["CAIRN_DATA"] = "Cairn:DataPath",
        ["CAIRN_IN_MEMORY"] = "Cairn:InMemory",
        ["CAIRN_POSTGRES"] = "Cairn:Postgres",
        ["CAIRN_PUBLIC_URL"] = "Cairn:PublicUrl",
        ["CAIRN_MASTER_KEY_ID"] = "Cairn:MasterKeyId",
        ["CAIRN_MASTER_KEY"] = "Cairn:MasterKey",
        ["CAIRN_SSE_MASTER_KEY"] = "Cairn:SseMasterKey",
        ["CAIRN_RECOMMENDED_PART_SIZE"] = "Cairn:RecommendedPartSize",
        ["CAIRN_ABSOLUTE_MINIMUM_PART_SIZE"] = "Cairn:AbsoluteMinimumPartSize",
        ["CAIRN_URLS"] = "urls",
    };

    /// <summary>Command-line switches and the configuration keys they set.</summary>
    public static IReadOnlyDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>
    {
        ["--data"] = "Cairn:DataPath",
        ["--in-memory"] = "Cairn:InMemory",
        ["--postgres"] = "Cairn:Postgres",
        ["--public-url"] = "Cairn:PublicUrl",
        ["--recommended-part-size"] = "Cairn:RecommendedPartSize",
        ["--absolute-minimum-part-size"] = "Cairn:AbsoluteMinimumPartSize",
        ["--config"] = "Cairn:ConfigFile",
    };

    public const string DefaultUrl = "http://127.0.0.1:8787";

    /// <summary><c>--in-memory</c> is a flag; the command-line provider wants values, so give it one.</summary>
    public static string[] NormalizeArgs(string[] args) =>
        args.Select(a => a == "--in-memory" ? "--in-memory=true" : a).ToArray();

    public static void Apply(ConfigurationManager configuration, string[] args)
    {
        var aliases = new Dictionary<string, string?>();
        foreach (var (variable, key) in EnvironmentAliases)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                aliases[key] = value;
            }
        }
        configuration.AddEnvironmentVariables("CAIRN_");
        configuration.AddInMemoryCollection(aliases);
        configuration.AddCommandLine(args, SwitchMappings.ToDictionary(p => p.Key, p => p.Value));
        if (configuration["Cairn:ConfigFile"] is { Length: > 0 } file)
        {
            configuration.AddJsonFile(Path.GetFullPath(file), optional: false);
            // The command line still wins over the file it named.
            configuration.AddInMemoryCollection(aliases);
            configuration.AddCommandLine(args, SwitchMappings.ToDictionary(p => p.Key, p => p.Value));
        }
    }

    public const string HelpText = """
        Cairn — a self-hosted object store that speaks the Backblaze B2 Native API.

        Usage: cairn [options]        (from source: dotnet run --project src/Cairn.Server -- [options])

        Options:
          --urls <url>                       Where to listen. Default http://127.0.0.1:8787 (env CAIRN_URLS or ASPNETCORE_URLS).
          --data <dir>                       Data directory: metadata.db (SQLite) and blobs/. Default ./data (env CAIRN_DATA).
          --postgres <connection string>     Metadata in PostgreSQL instead of metadata.db (env CAIRN_POSTGRES), an Npgsql
                                             connection string, e.g. "Host=db1,db2;Database=cairn;Username=cairn;
                                             Password=...;Target Session Attributes=primary". Blobs stay in --data.
          --in-memory                        Keep everything in memory; write nothing to disk (env CAIRN_IN_MEMORY=true).
          --public-url <url>                 Base URL handed to clients as apiUrl/downloadUrl/s3ApiUrl, for reverse
                                             proxies. Default: the request's own scheme and host (env CAIRN_PUBLIC_URL).
          --recommended-part-size <bytes>    Advertised by b2_authorize_account. Default 100000000 (env CAIRN_RECOMMENDED_PART_SIZE).
          --absolute-minimum-part-size <b>   Smallest non-last part. Default 5000000 (env CAIRN_ABSOLUTE_MINIMUM_PART_SIZE).
          --config <file.json>               Extra JSON configuration file (same keys as appsettings.json).
          -h, --help                         Show this help.

        Environment only:
          CAIRN_MASTER_KEY_ID, CAIRN_MASTER_KEY   Fix the master application key id and key (both or neither).
                                                  Otherwise the first start generates them and prints them once.
          CAIRN_SSE_MASTER_KEY                    The SSE-B2 master key (base64 of 32 bytes). Otherwise the first start
                                                  creates <data>/sse-master.key (0600); in memory, a key per process.

        Any setting can also be given as configuration key Cairn:<Name> (appsettings.json, --Cairn:Name=value,
        or env CAIRN_Cairn__Name), e.g. Cairn:AuthTokenLifetime=01:00:00, Cairn:MaxBucketsPerAccount=1000,
        Cairn:StrictFileNames=true.

        HTTP limits (keys under Cairn:Http:): RequestHeadersTimeout (00:00:15), KeepAliveTimeout (00:02:10),
          MinRequestBodyBytesPerSecond (240), MinResponseBytesPerSecond (240), MinDataRateGracePeriod (00:00:05),
          MaxRequestHeadersTotalSize (32768), MaxRequestHeaderCount (100), MaxRequestLineSize (8192).

        An unknown option stops the start; so does a data directory another Cairn process holds (<data>/cairn.lock).

        SQLite store (keys under Cairn:Storage:Sqlite:): Synchronous (Full), MaxWriteBatchSize (256),
          MemoryMapBytes (0 = no map; bytes per read connection), MaxReaders (8).
        PostgreSQL store (keys under Cairn:Storage:Postgres:): MaxAttempts (5; runs of a transaction that met a
          deadlock or serialization failure).

        Limits and fault injection (all keys under Cairn:):
          RateLimit:RequestsPerSecond (0 = off; 500 = B2), RateLimit:Burst, RateLimit:AuthorizeFailuresBeforeDelay (10),
          RateLimit:MaxAuthorizeDelaySeconds (60); Caps:StorageBytes, Caps:DailyDownloadBytes, Caps:DailyTransactions
          (off); Faults:FailSomeUploads|ExpireSomeAccountAuthorizationTokens|ForceCapExceeded:EveryNth or :Probability
          (off), Faults:TestModeProbability (0.25, for the X-Bz-Test-Mode header).

        Endpoints: /b2api/v1..v4/b2_* (B2 Native API), /file/<bucket>/<name> (downloads), /mcp (agents),
        /openapi.json, /docs, /llms.txt, /health, /metrics (Prometheus).
        """;
}
