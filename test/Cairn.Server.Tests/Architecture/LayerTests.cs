using System.Reflection;
using System.Xml.Linq;

namespace Cairn.Server.Tests.Architecture;

/// <summary>
/// The layers, held by the build: protocols → Core ← stores, and only the host (Cairn.Server) wires them. Checked twice:
/// what each project declares (its ProjectReferences) and what each compiled assembly really references.
/// </summary>
public class LayerTests
{
    private const string Core = "Cairn.Core";
    private const string Host = "Cairn.Server";

    public static TheoryData<string> Projects() => [.. SourceProjects().Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Project_DeclaresOnlyTheReferencesItsLayerAllows(string project)
    {
        var declared = SourceProjects().Single(p => p.Name == project).References;
        var forbidden = declared.Where(r => !Allowed(project, r)).ToList();
        Assert.True(forbidden.Count == 0, $"{project} ({LayerOf(project)}) must not reference {string.Join(", ", forbidden)}");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Assembly_UsesOnlyTheAssembliesItsLayerAllows(string project)
    {
        if (project == Host)
        {
            return; // the host may use everything
        }
        var used = Assembly.Load(project).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Cairn.", StringComparison.Ordinal))
            .ToList();
        var forbidden = used.Where(r => !Allowed(project, r)).ToList();
        Assert.True(forbidden.Count == 0, $"{project} ({LayerOf(project)}) uses {string.Join(", ", forbidden)}");
    }

    [Fact]
    public void EveryLayerHasItsProjects()
    {
        var layers = SourceProjects().GroupBy(p => LayerOf(p.Name)).ToDictionary(g => g.Key, g => g.Select(p => p.Name).ToList());
        Assert.Equal([Core], layers["core"]);
        Assert.Contains("Cairn.B2", layers["protocol"]);
        Assert.Contains("Cairn.Mcp", layers["protocol"]);
        Assert.Contains("Cairn.S3", layers["protocol"]);
        Assert.Contains("Cairn.Storage.Sqlite", layers["store"]);
        Assert.Contains("Cairn.Storage.Postgres", layers["store"]);
        Assert.Equal([Host], layers["host"]);
    }

    /// <summary>Core references no Cairn project; a protocol or a store references Core only; the host anything.</summary>
    private static bool Allowed(string from, string to) => LayerOf(from) switch
    {
        "host" => true,
        "core" => false,
        _ => to == Core,
    };

    private static string LayerOf(string project) => project switch
    {
        Core => "core",
        Host => "host",
        _ when project.StartsWith("Cairn.Storage.", StringComparison.Ordinal) => "store",
        _ => "protocol",
    };

    private static IEnumerable<(string Name, List<string> References)> SourceProjects()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        foreach (var file in Directory.GetFiles(src, "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var references = XDocument.Load(file).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToList();
            yield return (Path.GetFileNameWithoutExtension(file), references);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cairn.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Cairn.slnx not found above " + AppContext.BaseDirectory);
    }
}
