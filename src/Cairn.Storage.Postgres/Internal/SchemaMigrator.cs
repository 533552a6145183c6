using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cairn.Storage.Postgres.Internal;

/// <summary>
/// Applies the numbered migrations embedded from <c>Schema/NNN_name.sql</c> in order, each in its own transaction,
/// and records them in <c>schema_version</c>. Several nodes may start at once: each migration runs under a
/// transaction-scoped advisory lock and re-reads the version inside it, so exactly one node applies it. A migration is
/// never edited once released: a change to the schema is a new file with the next number.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>The advisory lock key that serializes migrations ("cairnmig" in ASCII).</summary>
    private const long LockKey = 0x636169726E6D6967;

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    integer NOT NULL PRIMARY KEY,
            name       text    NOT NULL,
            applied_at bigint  NOT NULL
        )
        """;

    private const string Lock = "SELECT pg_advisory_xact_lock(@key)";
    private const string SelectVersion = "SELECT coalesce(max(version), 0) FROM schema_version";
    private const string InsertVersion = "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @applied_at)";

    /// <summary>The embedded migrations, ordered by number.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } = Load();

    /// <summary>Brings the database to the newest schema and returns its version.</summary>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken)
    {
        var newest = Migrations.Count == 0 ? 0 : Migrations[^1].Version;
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            while (true)
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var session = new PostgresSession(connection, transaction);
                    await session.Command(Lock).With("key", LockKey).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    await session.Command(CreateVersionTable).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    var current = Convert.ToInt32(await session.Command(SelectVersion).ScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                    if (current > newest)
                    {
                        throw new InvalidOperationException(
                            $"The metadata database has schema version {current}, newer than this version of Cairn knows ({newest}).");
                    }
                    if (current == newest)
                    {
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        return current;
                    }
                    var migration = Migrations[current];
                    // A script holds several statements; without parameters, Npgsql sends it as one simple query.
                    await session.Command(migration.Sql).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    await session.Command(InsertVersion)
                        .With("version", migration.Version)
                        .With("name", migration.Name)
                        .With("applied_at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
                        .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    Log.MigrationApplied(logger, migration.Version, migration.Name);
                }
            }
        }
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // Resource names look like "Cairn.Storage.Postgres.Schema.001_initial.sql".
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
