using Microsoft.Data.Sqlite;

namespace Cairn.Storage.Sqlite.Internal;

/// <summary>Parameter binding that keeps each call site to one line.</summary>
internal static class SqliteCommandExtensions
{
    public static SqliteCommand With(this SqliteCommand command, string name, string? value)
    {
        command.Parameters.Add(name, SqliteType.Text).Value = (object?)value ?? DBNull.Value;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, long value)
    {
        command.Parameters.Add(name, SqliteType.Integer).Value = value;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, long? value)
    {
        command.Parameters.Add(name, SqliteType.Integer).Value = value.HasValue ? value.Value : DBNull.Value;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, bool value) => command.With(name, value ? 1L : 0L);

    /// <summary>Binds raw bytes as a BLOB; SQL that compares them with a TEXT column must CAST them to TEXT.</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, byte[] value)
    {
        command.Parameters.Add(name, SqliteType.Blob).Value = value;
        return command;
    }

    /// <summary>Runs the command and returns the first column of the first row, or null when there is no row.</summary>
    public static object? Scalar(this SqliteCommand command)
    {
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static string? NullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>Runs the query and maps every row.</summary>
    public static List<T> ReadAll<T>(this SqliteCommand command, Func<SqliteDataReader, T> map)
    {
        var rows = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    /// <summary>Runs the query and maps its first row, or returns null when it has none.</summary>
    public static T? ReadFirstOrDefault<T>(this SqliteCommand command, Func<SqliteDataReader, T> map)
        where T : class
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }
}
