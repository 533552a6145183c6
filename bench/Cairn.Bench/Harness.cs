using System.Diagnostics;
using Cairn.Bench.Clients;
using Cairn.Bench.Report;
using Cairn.Bench.Servers;
using Cairn.Bench.Workloads;

namespace Cairn.Bench;

/// <summary>
/// One run: the machine's limits, the bare endpoints, Cairn, moto and s3rver, one after the other on this machine,
/// each server in its own process on 127.0.0.1 and a temporary directory that is removed at the end.
/// </summary>
internal static class Harness
{
    public const string MasterKeyId = "0123456789ab";
    public const string MasterKey = "K000benchMasterKeyForCairnBench01";
    private const string Bucket = "bench-objects";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var profile = options.Profile;
        var results = new Results();
        var scratch = Directory.CreateTempSubdirectory("cairn-bench-").FullName;
        var clock = Stopwatch.StartNew();
        MachineInfo.Describe(results, scratch);
        results.Run["profile"] = profile.Name;
        if (options.CairnSettings.Count > 0)
        {
            results.Run["cairn settings"] = string.Join(" ", options.CairnSettings);
        }
        results.Run["started"] = DateTimeOffset.UtcNow.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
        results.Run["load average before"] = MachineInfo.LoadAverage();
        Console.WriteLine($"Cairn bench, {profile.Name} profile; scratch {scratch}");
        try
        {
            await RunTargetsAsync(options, results, scratch);
        }
        finally
        {
            TryDelete(scratch);
        }
        results.Run["load average after"] = MachineInfo.LoadAverage();
        results.Run["duration"] = $"{clock.Elapsed.TotalMinutes:0.0} min";
        Directory.CreateDirectory(options.OutDirectory);
        var markdown = MarkdownReport.Render(results, profile);
        await File.WriteAllTextAsync(Path.Combine(options.OutDirectory, "latest.md"), markdown);
        await File.WriteAllTextAsync(Path.Combine(options.OutDirectory, "latest.json"), JsonReport.Render(results));
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {Path.Combine(options.OutDirectory, "latest.md")} and latest.json in {clock.Elapsed.TotalMinutes:0.0} min.");
        return 0;
    }

    private static async Task RunTargetsAsync(BenchOptions options, Results results, string scratch)
    {
        var profile = options.Profile;
        if (options.Targets.Contains("machine"))
        {
            Console.WriteLine("== machine");
            var machine = new MachineLimits(profile, results, Path.Combine(scratch, "fsync"));
            machine.Hashes();
            machine.Fsync();
        }
        if (options.Targets.Contains("bare"))
        {
            await Guarded(results, "bare", () => BareAsync(options, results, scratch));
        }
        if (options.Targets.Contains("cairn"))
        {
            await Guarded(results, "cairn", () => CairnAsync(options, results, scratch));
        }
        if (options.Targets.Contains("moto"))
        {
            await Guarded(results, "moto", () => PeerAsync(options, results, scratch, "moto", () => ServerProcess.StartAsync("moto", "moto_server", ["-H", "127.0.0.1", "-p", "{port}"], null, "/", anyStatus: true)));
        }
        if (options.Targets.Contains("s3rver"))
        {
            var script = Path.Combine(options.Repo, "bench", "node_modules", "s3rver", "bin", "s3rver.js");
            if (!File.Exists(script))
            {
                results.Add(new Measurement { Target = "s3rver", Workload = ObjectWorkloads.LargeUpload, Note = $"not installed: run npm ci in bench/ ({script} is missing)" });
                return;
            }
            var directory = Path.Combine(scratch, "s3rver");
            Directory.CreateDirectory(directory);
            await Guarded(results, "s3rver", () => PeerAsync(options, results, scratch, "s3rver", () => ServerProcess.StartAsync("s3rver", "node", [script, "-d", directory, "-a", "127.0.0.1", "-p", "{port}", "--silent"], null, "/", anyStatus: true)));
        }
    }

    /// <summary>A target that fails outside a workload (start, set-up) is reported as such; the run goes on.</summary>
    private static async Task Guarded(Results results, string target, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.WriteLine($"{target} failed: {e}");
            results.Add(new Measurement { Target = target, Workload = "set-up", Note = "failed: " + e.Message.Split('\n')[0] });
        }
    }

    private static async Task BareAsync(BenchOptions options, Results results, string scratch)
    {
        var profile = options.Profile;
        Console.WriteLine("== bare Kestrel endpoints");
        var dll = Path.Combine(AppContext.BaseDirectory, "Cairn.Bench.dll");
        await using var server = await ServerProcess.StartAsync("bare", "dotnet", [dll, "bare", "--urls", "http://127.0.0.1:{port}", "--dir", Path.Combine(scratch, "bare")], null, "/health", anyStatus: false);
        if (options.Workloads.Contains("large"))
        {
            await using (var drain = new BareClient(server.BaseUrl, BarePut.Drain))
            {
                await new ObjectWorkloads(profile, results, "bare-drain", drain, Bucket, scratch).LargeObjectAsync(download: false);
            }
            await using (var md5 = new BareClient(server.BaseUrl, BarePut.HashWriteMd5))
            {
                await new ObjectWorkloads(profile, results, "bare-md5", md5, Bucket, scratch).LargeObjectAsync(download: false);
            }
        }
        await using var bare = new BareClient(server.BaseUrl);
        var workloads = new ObjectWorkloads(profile, results, "bare", bare, Bucket, scratch);
        await RunAsync(options, workloads);
        results.Add(new Measurement { Target = "bare", Workload = ServerFigures.PeakRss, Value = server.PeakRssMiB, Unit = "MiB", Note = $"anon {server.PeakAnonMiB:0} MiB" });
    }

    private static async Task CairnAsync(BenchOptions options, Results results, string scratch)
    {
        Console.WriteLine("== Cairn (B2 Native API)");
        var dll = options.CairnDll;
        if (!File.Exists(dll))
        {
            results.Add(new Measurement { Target = "cairn", Workload = ObjectWorkloads.LargeUpload, Note = $"not built: {dll} is missing (dotnet build -c Release)" });
            return;
        }
        var data = Path.Combine(scratch, "cairn-data");
        var environment = new Dictionary<string, string>
        {
            ["CAIRN_MASTER_KEY_ID"] = MasterKeyId,
            ["CAIRN_MASTER_KEY"] = MasterKey,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        string[] arguments = [dll, "--urls", "http://127.0.0.1:{port}", "--data", data, .. options.CairnSettings.Select(setting => "--" + setting)];
        var server = await ServerProcess.StartAsync("cairn", "dotnet", arguments, environment, "/health", anyStatus: false);
        try
        {
            results.Add(new Measurement { Target = "cairn", Workload = ServerFigures.FirstAnswer, Value = server.TimeToFirstAnswer.TotalMilliseconds, Unit = "ms", Note = "empty data directory" });
            await using (var client = new B2Client(server.BaseUrl, MasterKeyId, MasterKey))
            {
                await client.AuthorizeAsync(CancellationToken.None);
                await client.CreateBucketAsync(Bucket, CancellationToken.None);
                var workloads = new ObjectWorkloads(options.Profile, results, "cairn", client, Bucket, scratch);
                await RunAsync(options, workloads);
                if (options.Workloads.Contains("listing"))
                {
                    await new ListingWorkload(options.Profile, results, "cairn", client).RunAsync();
                }
            }
            results.Add(new Measurement { Target = "cairn", Workload = ServerFigures.PeakRss, Value = server.PeakRssMiB, Unit = "MiB", Note = $"anon {server.PeakAnonMiB:0} MiB; {server.CpuSeconds():0} s CPU" });
        }
        finally
        {
            await server.DisposeAsync();
        }
        // Start again on the data the run left (killed, like a crash): what a restart with a full bucket costs.
        await using var restarted = await ServerProcess.StartAsync("cairn", "dotnet", arguments, environment, "/health", anyStatus: false);
        results.Add(new Measurement { Target = "cairn", Workload = ServerFigures.FirstAnswerRestart, Value = restarted.TimeToFirstAnswer.TotalMilliseconds, Unit = "ms", Note = "after SIGKILL, on the run's data" });
    }

    private static async Task PeerAsync(BenchOptions options, Results results, string scratch, string name, Func<Task<ServerProcess>> start)
    {
        var profile = options.Profile;
        Console.WriteLine($"== {name} (S3 through AWSSDK.S3)");
        ServerProcess server;
        try
        {
            server = await start();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            results.Add(new Measurement { Target = name, Workload = ObjectWorkloads.LargeUpload, Note = "could not start: " + e.Message.Split('\n')[0] });
            return;
        }
        await using (server)
        {
            results.Add(new Measurement { Target = name, Workload = ServerFigures.FirstAnswer, Value = server.TimeToFirstAnswer.TotalMilliseconds, Unit = "ms" });
            await using var client = new S3Client(server.BaseUrl);
            await client.CreateBucketAsync(Bucket, CancellationToken.None);
            var workloads = new ObjectWorkloads(profile, results, name, client, Bucket, scratch);
            await RunAsync(options, workloads);
            results.Add(new Measurement { Target = name, Workload = ServerFigures.PeakRss, Value = server.PeakRssMiB, Unit = "MiB", Note = $"anon {server.PeakAnonMiB:0} MiB; {server.CpuSeconds():0} s CPU" });
        }
    }

    private static async Task RunAsync(BenchOptions options, ObjectWorkloads workloads)
    {
        if (options.Workloads.Contains("large"))
        {
            await workloads.LargeObjectAsync();
        }
        if (options.Workloads.Contains("small"))
        {
            await workloads.SmallObjectsAsync();
        }
        if (options.Workloads.Contains("parts"))
        {
            await workloads.PartsAsync();
        }
    }

    private static void TryDelete(string directory)
    {
        Console.WriteLine($"== removing {directory}");
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException e)
        {
            Console.WriteLine($"Could not remove {directory}: {e.Message}");
        }
    }
}
