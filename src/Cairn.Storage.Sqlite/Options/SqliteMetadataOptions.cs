namespace Cairn.Storage.Sqlite.Options;

/// <summary>Settings of <see cref="SqliteMetadataStore"/> (configuration section <c>Cairn:Storage:Sqlite</c>).</summary>
public sealed class SqliteMetadataOptions
{
    /// <summary>
    /// Path of the database file; its directory is created when missing. No default: the host derives it from
    /// the data directory. An in-memory database (<c>:memory:</c>) is refused, because the store reads on
    /// pooled connections and writes on another one, and those must all see the same file.
    /// </summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>
    /// Default <see cref="SqliteSynchronousMode.Full"/>, so that every write the store acknowledged survives
    /// power loss. Group commit shares that fsync among all writes committed together.
    /// </summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>
    /// How long a connection waits for a lock held by another connection before failing. Default 5 seconds:
    /// inside one process, locks are held only for a commit or a checkpoint.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most writes committed in one transaction. Default 256: large enough that a burst of small uploads
    /// shares few fsyncs, small enough that one batch holds the write lock only briefly.
    /// </summary>
    public int MaxWriteBatchSize { get; set; } = 256;

    /// <summary>
    /// Bytes of the database each read connection maps into memory (SQLite <c>mmap_size</c>) instead of reading pages
    /// with a system call each. Default 0 (no map). A map's pages count in the process's resident size (VmRSS) once
    /// per connection, although they are shared, reclaimable file cache: with 8 readers over a 1-million-file
    /// database, 256 MiB maps took VmRSS from 172 to 623 MiB. In the same benchmark the 1000-name listing page was
    /// p50 4.9 / p99 19.7 ms without maps and p50 5.3 / p99 13.5 ms with them; set a size to trade memory for the tail.
    /// </summary>
    public long MemoryMapBytes { get; set; }

    /// <summary>
    /// The most read connections, each opened on first need and kept open with its prepared statements and map.
    /// Default 8: reads are short and CPU-bound, so a few per core keep the cores busy (with spare ones for a read
    /// that waits on the disk); more concurrent reads wait for a free connection rather than open and close their own.
    /// </summary>
    public int MaxReaders { get; set; } = 8;

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException("Cairn:Storage:Sqlite:DatabasePath is required.", nameof(DatabasePath));
        }
        if (DatabasePath.Trim() == ":memory:" || DatabasePath.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Cairn:Storage:Sqlite:DatabasePath must be a file path, not :memory: or a URI.", nameof(DatabasePath));
        }
        if (!Enum.IsDefined(Synchronous))
        {
            throw new ArgumentException($"Cairn:Storage:Sqlite:Synchronous has an unknown value {Synchronous}.", nameof(Synchronous));
        }
        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException("Cairn:Storage:Sqlite:BusyTimeout must be between 0 and 10 minutes.", nameof(BusyTimeout));
        }
        if (MemoryMapBytes is < 0 or > 1L << 40)
        {
            throw new ArgumentException("Cairn:Storage:Sqlite:MemoryMapBytes must be between 0 and 1 TiB.", nameof(MemoryMapBytes));
        }
        if (MaxReaders is < 1 or > 256)
        {
            throw new ArgumentException("Cairn:Storage:Sqlite:MaxReaders must be between 1 and 256.", nameof(MaxReaders));
        }
        if (MaxWriteBatchSize is < 1 or > 10_000)
        {
            throw new ArgumentException("Cairn:Storage:Sqlite:MaxWriteBatchSize must be between 1 and 10000.", nameof(MaxWriteBatchSize));
        }
    }
}
