using Npgsql;

namespace Cairn.Storage.Postgres.Internal;

/// <summary>
/// One connection rented from the data source for one store operation, with the transaction it runs in (if any).
/// Commands are created per statement; SQL text is always a constant and values travel only as parameters.
/// </summary>
internal sealed class PostgresSession(NpgsqlConnection connection, NpgsqlTransaction? transaction)
{
    public NpgsqlCommand Command(string sql) => new(sql, connection, transaction);
}
