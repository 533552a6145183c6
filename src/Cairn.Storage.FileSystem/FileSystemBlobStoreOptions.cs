namespace Cairn.Storage.FileSystem;

/// <summary>Settings of <see cref="FileSystemBlobStore"/>.</summary>
public sealed class FileSystemBlobStoreOptions
{
    /// <summary>
    /// The directory that holds <c>tmp/</c> (writes in progress) and <c>blobs/</c> (committed blobs). Required, no
    /// default: the host derives it from the data directory. Both subdirectories must be on one filesystem, because
    /// a commit is a rename from one to the other.
    /// </summary>
    public string RootDirectory { get; set; } = "";

    /// <summary>
    /// Bytes a writer gathers before it writes them to its temporary file, once a blob has outgrown the first
    /// 16 KiB buffer. Default 256 KiB: large enough that a 1 GiB stream costs only 4096 writes, small enough that
    /// many concurrent large uploads do not pin much memory. Buffers come from <see cref="System.Buffers.ArrayPool{T}.Shared"/>.
    /// </summary>
    public int WriteBufferSize { get; set; } = 256 * 1024;

    /// <summary>
    /// Write each blob into an unnamed file in its final directory (Linux <c>O_TMPFILE</c>) and give it its name with
    /// <c>linkat</c> on commit. Default true: nothing half-written ever has a name, so a crash leaves nothing to clean
    /// up, and concurrent uploads do not all create and rename files in one <c>tmp/</c> directory. Where the filesystem
    /// or OS cannot (not Linux, or <c>EOPNOTSUPP</c>), the store falls back to named files in <c>tmp/</c> by itself.
    /// </summary>
    public bool UseUnnamedTemporaryFiles { get; set; } = true;

    /// <summary>
    /// How long an entry of <c>tmp/</c> must have gone unwritten before <see cref="FileSystemBlobStore.InitializeAsync"/>
    /// deletes it. Default zero: every entry, because on a directory only this process uses whatever is there was left
    /// by a crash. A directory several nodes share needs more: another node may be writing there right now.
    /// </summary>
    public TimeSpan TemporaryFileGrace { get; set; } = TimeSpan.Zero;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(RootDirectory))
        {
            throw new ArgumentException("FileSystemBlobStoreOptions.RootDirectory is required.", nameof(RootDirectory));
        }
        if (TemporaryFileGrace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TemporaryFileGrace), TemporaryFileGrace, "TemporaryFileGrace must not be negative.");
        }
        if (WriteBufferSize < 16 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(WriteBufferSize), WriteBufferSize, "WriteBufferSize must be at least 16 KiB.");
        }
    }
}
