using Npgsql;

namespace Cairn.Storage.Postgres.Internal;

/// <summary>The SQLSTATE codes the store reacts to (PostgreSQL's errcodes, as in Npgsql's PostgresErrorCodes).</summary>
internal static class PostgresErrors
{
    public const string UniqueViolation = "23505";
    public const string ForeignKeyViolation = "23503";
    public const string SerializationFailure = "40001";
    public const string DeadlockDetected = "40P01";
    public const string DiskFull = "53100";

    /// <summary>A transaction PostgreSQL aborted only because of a concurrent one: running it again can succeed.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is PostgresException { SqlState: SerializationFailure or DeadlockDetected };

    /// <summary>The database server's disk has no room left: Core's retryable storage-full refusal, as SQLite's SQLITE_FULL.</summary>
    public static bool IsDiskFull(Exception exception) =>
        exception is PostgresException { SqlState: DiskFull };

    public static bool IsUniqueViolation(Exception exception, string constraint) =>
        exception is PostgresException { SqlState: UniqueViolation } e && e.ConstraintName == constraint;

    public static bool IsForeignKeyViolation(Exception exception) =>
        exception is PostgresException { SqlState: ForeignKeyViolation };
}
