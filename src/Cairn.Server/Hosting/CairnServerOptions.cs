namespace Cairn.Server.Hosting;

/// <summary>Where Cairn keeps its data and how it presents itself (configuration section <c>Cairn</c>).</summary>
public sealed class CairnServerOptions
{
    public const string Section = "Cairn";

    /// <summary>Data directory (<c>--data</c>, <c>CAIRN_DATA</c>). Default <c>./data</c>: metadata.db and blobs/ live there.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>
    /// An Npgsql connection string (<c>--postgres</c>, <c>CAIRN_POSTGRES</c>): metadata in PostgreSQL instead of
    /// <c>metadata.db</c> in the data directory, which then holds only blobs (and may be shared by several nodes).
    /// Default none (SQLite).
    /// </summary>
    public string? Postgres { get; set; }

    /// <summary>Keep everything in memory and write nothing to disk (<c>--in-memory</c>). Default false.</summary>
    public bool InMemory { get; set; }

    /// <summary>
    /// The base URL handed to clients as apiUrl, downloadUrl and s3ApiUrl (<c>--public-url</c>, <c>CAIRN_PUBLIC_URL</c>),
    /// for servers behind a reverse proxy. Default: the scheme and host of each request.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// How often lifecycle rules are applied (<c>Cairn:LifecycleInterval</c>). Default one hour: B2 applies them about
    /// once a day, and an hour keeps a self-hosted bucket close to its rules without constant scanning. Zero disables.
    /// </summary>
    public TimeSpan LifecycleInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Fixes the master application key id (<c>CAIRN_MASTER_KEY_ID</c>). Default: generated on first start.</summary>
    public string? MasterKeyId { get; set; }

    /// <summary>
    /// The SSE-B2 master key, base64 of 32 bytes (<c>CAIRN_SSE_MASTER_KEY</c>). Default: the key file
    /// <c>sse-master.key</c> in the data directory, created on first start (0600), or a random key per process in memory.
    /// </summary>
    public string? SseMasterKey { get; set; }

    /// <summary>Fixes the master application key (<c>CAIRN_MASTER_KEY</c>). Default: generated on first start and printed once.</summary>
    public string? MasterKey { get; set; }
}
