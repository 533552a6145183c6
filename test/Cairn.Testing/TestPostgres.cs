using Npgsql;

namespace Cairn.Testing;

/// <summary>
/// The throwaway PostgreSQL that test.sh starts (test/pg.sh) and names in <c>CAIRN_TEST_POSTGRES</c>. Each store or
/// server under test gets a schema of its own (<c>Search Path</c>), created here and dropped when the test is done, so
/// tests share one database and still never see each other's rows.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "CAIRN_TEST_POSTGRES";

    /// <summary>The connection string test.sh exported; a test that needs PostgreSQL fails, never skips, without it.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. These tests need a PostgreSQL: run ./test.sh, which starts one, or start one with " +
                $"`eval \"$(test/pg.sh start)\"` and run the tests from that shell.");

    /// <summary>Creates a fresh, empty schema and returns a connection string whose search path is that schema.</summary>
    public static async Task<string> CreateSchemaAsync(string schema)
    {
        await ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS {Quote(schema)}");
        return ForSchema(schema);
    }

    /// <summary>A connection string for an existing schema.</summary>
    public static string ForSchema(string schema) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;

    /// <summary>Drops the schema and everything in it.</summary>
    public static Task DropSchemaAsync(string schema) => ExecuteAsync($"DROP SCHEMA IF EXISTS {Quote(schema)} CASCADE");

    /// <summary>A new schema name, unique to this run.</summary>
    public static string NewSchemaName() => "t_" + Guid.NewGuid().ToString("N");

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
