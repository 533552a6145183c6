namespace Cairn.Storage.Sqlite.Options;

/// <summary>SQLite's <c>PRAGMA synchronous</c> settings, as they apply in WAL mode.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>No fsync at all: an operating-system crash or power loss can lose or corrupt committed data.</summary>
    Off,

    /// <summary>fsync only at checkpoints: the database stays consistent, but the last commits can be lost on power loss.</summary>
    Normal,

    /// <summary>fsync the write-ahead log on every commit: a commit that returned survives power loss.</summary>
    Full,

    /// <summary>Like <see cref="Full"/>, and also fsync the directory after deleting journals.</summary>
    Extra,
}
