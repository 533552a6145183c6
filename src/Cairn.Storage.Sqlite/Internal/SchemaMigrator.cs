using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Cairn.Storage.Sqlite.Internal;

/// <summary>
/// Applies the numbered migrations embedded from <c>Schema/NNN_name.sql</c> in order, each in its own
/// transaction, and records them in <c>schema_version</c>. A migration is never edited once released: a
/// change to the schema is a new file with the next number.
/// </summary>
internal static class SchemaMigrator
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at INTEGER NOT NULL
        )
        """;

    private const string SelectVersion = "SELECT coalesce(max(version), 0) FROM schema_version";
    private const string InsertVersion = "INSERT INTO schema_version (version, name, applied_at) VALUES ($version, $name, $appliedAt)";

    /// <summary>The embedded migrations, ordered by number.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } = Load();

    /// <summary>Brings the database to the newest schema and returns its version.</summary>
    public static int Migrate(SqliteSession session, ILogger logger)
    {
        session.Execute(CreateVersionTable);
        var current = Convert.ToInt32(session.Command(SelectVersion).Scalar(), CultureInfo.InvariantCulture);
        var newest = Migrations.Count == 0 ? 0 : Migrations[^1].Version;
        if (current > newest)
        {
            throw new InvalidOperationException(
                $"The metadata database has schema version {current}, newer than this version of Cairn knows ({newest}).");
        }
        foreach (var migration in Migrations.Where(m => m.Version > current))
        {
            session.Execute("BEGIN IMMEDIATE");
            try
            {
                // A migration script holds several statements; SqliteCommand runs them all, in order.
                using (var script = session.Connection.CreateCommand())
                {
                    script.CommandText = migration.Sql;
                    script.ExecuteNonQuery();
                }
                session.Command(InsertVersion)
                    .With("$version", migration.Version)
                    .With("$name", migration.Name)
                    .With("$appliedAt", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
                    .ExecuteNonQuery();
                session.Execute("COMMIT");
            }
            catch
            {
                if (!session.IsAutocommit)
                {
                    session.Execute("ROLLBACK");
                }
                throw;
            }
            Log.MigrationApplied(logger, migration.Version, migration.Name);
            current = migration.Version;
        }
        return current;
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // Resource names look like "Cairn.Storage.Sqlite.Schema.001_initial.sql".
            const string Marker = ".Schema.";
            var at = resource.IndexOf(Marker, StringComparison.Ordinal);
            if (at < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }
            var name = resource[(at + Marker.Length)..^".sql".Length];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Schema resource {resource} is not named NNN_description.sql.");
            }
            migrations.Add(new Migration(version, name, ReadResource(assembly, resource)));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema migrations must be numbered 1, 2, 3… without gaps; found {migrations[i].Name}.");
            }
        }
        return migrations;
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Schema resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal sealed record Migration(int Version, string Name, string Sql);
}
