using Microsoft.Extensions.Logging;

namespace Cairn.Storage.Postgres.Internal;

/// <summary>The store's log messages. Event ids are stable; add new ones at the end. Never a password or a full connection string.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6300, Level = LogLevel.Information, Message = "Opened PostgreSQL metadata database {Database} on {Host} at schema version {Version}")]
    public static partial void Opened(ILogger logger, string? database, string? host, int version);

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Applied PostgreSQL metadata schema migration {Version} ({Name})")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Debug, Message = "A metadata transaction met a concurrent one ({SqlState}); running it again, attempt {Attempt}")]
    public static partial void Retrying(ILogger logger, string? sqlState, int attempt);
}
