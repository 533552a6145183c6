using Microsoft.Extensions.Logging;

namespace Cairn.Storage.Sqlite.Internal;

/// <summary>The store's log messages. Event ids are stable; add new ones at the end.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Opened metadata database {Path} at schema version {Version}")]
    public static partial void Opened(ILogger logger, string path, int version);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Applied metadata schema migration {Version} ({Name})")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "A metadata write transaction of {Count} writes failed and was rolled back")]
    public static partial void WriteBatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Rolling back a failed metadata write transaction failed")]
    public static partial void RollbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Closed metadata database {Path}")]
    public static partial void Closed(ILogger logger, string path);
}
