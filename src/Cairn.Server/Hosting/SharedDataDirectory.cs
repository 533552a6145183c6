namespace Cairn.Server.Hosting;

/// <summary>
/// What changes when several nodes share one data directory. With metadata in PostgreSQL (<c>--postgres</c>) the
/// directory holds only blobs, and several nodes may mount it (DESIGN.md, Scale-out): then no node can hold
/// <see cref="DataDirectoryLock"/>, and no node may take what another is writing for the leftovers of a crash. A node
/// starting on a shared directory therefore removes only temporary files that have gone <see cref="Grace"/> without a
/// write, and its orphan sweep only blobs last written <see cref="Grace"/> before it started. With SQLite the
/// directory is this process's alone (the lock sees to it) and there is no grace.
/// </summary>
public static class SharedDataDirectory
{
    /// <summary>
    /// One hour: far longer than a node takes between writing a blob's last byte and committing its metadata, or
    /// than an upload may stall mid-body before the HTTP limits end it.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    /// <summary>Whether other nodes may share this server's data directory: its metadata is in PostgreSQL.</summary>
    public static bool IsShared(CairnServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !options.InMemory && !string.IsNullOrWhiteSpace(options.Postgres);
    }

    /// <summary><see cref="Grace"/> on a shared directory, else zero.</summary>
    public static TimeSpan GraceFor(CairnServerOptions options) => IsShared(options) ? Grace : TimeSpan.Zero;
}
