using System.Globalization;
using Cairn.Bench.Workloads;

namespace Cairn.Bench;

/// <summary>Command-line options of a harness run; see <see cref="Usage"/>.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Usage: Cairn.Bench [--quick] [--repo DIR] [--out DIR] [--targets LIST] [--list-files N]
               Cairn.Bench bare --urls URL --dir DIR      (the bare Kestrel endpoints; started by the harness)

          --quick          the short profile (about 2 minutes); the default is the full run (about 15 minutes)
          --repo DIR       the repository root (finds src/Cairn.Server's Release build and bench/node_modules); default: found upwards
          --out DIR        where latest.md and latest.json go; default <repo>/bench/results
          --targets LIST   comma-separated subset of machine,bare,cairn,moto,s3rver; default all
          --list-files N   files in the listing bucket (workload 3); default 20000 quick, 1000000 full
          --cairn DLL      the Cairn.Server.dll to measure; default <repo>/src/Cairn.Server/bin/Release/net10.0 (for A/B runs)
          --workloads LIST comma-separated subset of large,small,parts,listing; default all (for profiling one path)
          --cairn-setting KEY=VALUE  passed to Cairn as --KEY=VALUE (repeatable; the harness strips CAIRN_* variables
                           from the environment), e.g. --cairn-setting Cairn:Storage:Sqlite:MemoryMapBytes=0
        """;

    public required Profile Profile { get; init; }

    public required string Repo { get; init; }

    public required string OutDirectory { get; init; }

    public required IReadOnlySet<string> Targets { get; init; }

    public required IReadOnlySet<string> Workloads { get; init; }

    public required string CairnDll { get; init; }

    /// <summary>Configuration for the Cairn process, as KEY=VALUE.</summary>
    public required IReadOnlyList<string> CairnSettings { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var profile = args.Contains("--quick") ? Profile.Quick : Profile.Full;
        var repo = Value(args, "--repo") ?? FindRepo();
        if (Value(args, "--list-files") is { } files)
        {
            profile = profile with { ListFiles = int.Parse(files, CultureInfo.InvariantCulture) };
        }
        var targets = (Value(args, "--targets") ?? "machine,bare,cairn,moto,s3rver").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new BenchOptions
        {
            Profile = profile,
            Repo = Path.GetFullPath(repo),
            OutDirectory = Path.GetFullPath(Value(args, "--out") ?? Path.Combine(repo, "bench", "results")),
            CairnDll = Path.GetFullPath(Value(args, "--cairn") ?? Path.Combine(repo, "src", "Cairn.Server", "bin", "Release", "net10.0", "Cairn.Server.dll")),
            Targets = targets.ToHashSet(StringComparer.OrdinalIgnoreCase),
            CairnSettings = [.. Values(args, "--cairn-setting")],
            Workloads = (Value(args, "--workloads") ?? "large,small,parts,listing")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static IEnumerable<string> Values(string[] args, string name)
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == name)
            {
                yield return args[i + 1];
            }
        }
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cairn.slnx")))
            {
                return dir.FullName;
            }
        }
        return Environment.CurrentDirectory;
    }
}
