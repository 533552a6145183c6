using Npgsql;
using NpgsqlTypes;

namespace Cairn.Storage.Postgres.Internal;

/// <summary>
/// Parameter binding that keeps each call site to one line, and execution that disposes the command. Every value
/// is bound with its PostgreSQL type, so a null still has one and no statement depends on type inference.
/// </summary>
internal static class NpgsqlCommandExtensions
{
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, string? value) =>
        command.Bind(name, NpgsqlDbType.Text, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, long value) =>
        command.Bind(name, NpgsqlDbType.Bigint, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, long? value) =>
        command.Bind(name, NpgsqlDbType.Bigint, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, int value) =>
        command.Bind(name, NpgsqlDbType.Integer, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, bool value) =>
        command.Bind(name, NpgsqlDbType.Boolean, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, IReadOnlyList<string?> values) =>
        command.Bind(name, NpgsqlDbType.Array | NpgsqlDbType.Text, values);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, IReadOnlyList<long> values) =>
        command.Bind(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint, values);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, IReadOnlyList<long?> values) =>
        command.Bind(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint, values);

    private static NpgsqlCommand Bind(this NpgsqlCommand command, string name, NpgsqlDbType type, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }

    /// <summary>Runs the command; returns the number of rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the command and returns the first column of the first row, or null when there is no row.</summary>
    public static async Task<object?> ScalarAsync(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
    }

    /// <summary>Runs the query and maps every row.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            var rows = new List<T>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(map(reader));
                }
            }
            return rows;
        }
    }

    /// <summary>Runs the query and maps its first row, or returns null when it has none.</summary>
    public static async Task<T?> ReadFirstOrDefaultAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await command.ReadAllAsync(map, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableInt64(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
