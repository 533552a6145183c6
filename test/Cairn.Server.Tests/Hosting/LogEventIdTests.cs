using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Cairn.Server.Tests.Hosting;

/// <summary>
/// Every <see cref="LoggerMessageAttribute"/> in Cairn's assemblies has an event id of its own, inside the range of
/// its area. <see cref="Ranges"/> is the one table of ranges (docs/design/logging.md points here): a new area takes
/// a free range here, a new message the next free id of its area's range.
/// </summary>
public sealed class LogEventIdTests
{
    /// <summary>Area (namespace prefix, most specific first) → its range of event ids.</summary>
    public static IReadOnlyList<(string Namespace, int First, int Last)> Ranges { get; } =
    [
        ("Cairn.Server.Hosting", 100, 199),
        ("Cairn.Server.Replication", 200, 299),
        ("Cairn.B2", 1000, 1099),
        ("Cairn.B2", 1000, 1099),
        ("Cairn.Mcp", 1100, 1199),
        ("Cairn.Mcp", 1100, 1199),
        ("Cairn.S3", 1200, 1299),
        ("Cairn.Console", 1300, 1399),
        ("Cairn.Core.Files", 2000, 2099),
        ("Cairn.Core.LargeFiles", 2100, 2199),
        ("Cairn.Core.Auth", 2200, 2299),
        ("Cairn.Core.Replication", 2300, 2399),
        ("Cairn.Core.Storage", 3000, 3099),
        ("Cairn.Core.Lifecycle", 4000, 4099),
        ("Cairn.Core.Notifications", 5000, 5199),
        ("Cairn.Storage.Sqlite", 6000, 6099),
        ("Cairn.Storage.FileSystem", 6100, 6199),
        ("Cairn.Storage.Memory", 6200, 6299),
        ("Cairn.Storage.Postgres", 6300, 6399),
        ("Cairn.Storage.S3", 6400, 6499),
    ];

    [Fact]
    public void LogEventIds_AreUnique_AndInTheirAreasRange()
    {
        var messages = CairnAssemblies()
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (Name: $"{x.Method.DeclaringType!.FullName}.{x.Method.Name}", Namespace: x.Method.DeclaringType!.Namespace ?? "", x.Attribute!.EventId))
            .ToList();

        Assert.True(messages.Count >= 10, $"found only {messages.Count} log messages; is the scan looking at Cairn's assemblies?");
        var duplicates = messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Name))}").ToList();
        Assert.True(duplicates.Count == 0, "event ids used twice:" + Environment.NewLine + string.Join(Environment.NewLine, duplicates));
        var misplaced = messages
            .Select(m => (m.Name, m.EventId, Range: Ranges.FirstOrDefault(r => m.Namespace == r.Namespace || m.Namespace.StartsWith(r.Namespace + ".", StringComparison.Ordinal))))
            .Where(m => m.Range.Namespace is null || m.EventId < m.Range.First || m.EventId > m.Range.Last)
            .Select(m => m.Range.Namespace is null ? $"{m.Name} ({m.EventId}): no range for its namespace" : $"{m.Name} ({m.EventId}): outside {m.Range.Namespace} {m.Range.First}–{m.Range.Last}")
            .ToList();
        Assert.True(misplaced.Count == 0, "event ids outside their area's range:" + Environment.NewLine + string.Join(Environment.NewLine, misplaced));
    }

    private static IEnumerable<Assembly> CairnAssemblies()
    {
        var directory = AppContext.BaseDirectory;
        foreach (var path in Directory.EnumerateFiles(directory, "Cairn.*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (!name.EndsWith(".Tests", StringComparison.Ordinal) && name != "Cairn.Testing")
            {
                yield return Assembly.LoadFrom(path);
            }
        }
    }
}
