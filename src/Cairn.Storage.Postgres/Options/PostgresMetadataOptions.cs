namespace Cairn.Storage.Postgres.Options;

/// <summary>Settings of <see cref="PostgresMetadataStore"/> (configuration: <c>--postgres</c>, <c>CAIRN_POSTGRES</c>, section <c>Cairn:Storage:Postgres</c>).</summary>
public sealed class PostgresMetadataOptions
{
    /// <summary>
    /// An Npgsql connection string, e.g. <c>Host=db1,db2;Database=cairn;Username=cairn;Password=…;Target Session Attributes=primary</c>.
    /// Several hosts make a multi-host data source that connects to whichever is the primary. The tables live in the
    /// first schema of the connection's search path (<c>Search Path=…</c> chooses another than <c>public</c>).
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// How often a write transaction that PostgreSQL aborted because of a concurrent one (a deadlock or serialization
    /// failure) is run again before the error reaches the caller. Default 5.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Throws when a setting cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("A PostgreSQL connection string is required (--postgres, CAIRN_POSTGRES).", nameof(ConnectionString));
        }
        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "At least one attempt.");
        }
    }
}
