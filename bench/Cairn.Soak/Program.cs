using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cairn.Soak;
using Cairn.Testing;

// Soak: one Cairn process (Release build, SQLite + blob files on a temporary data directory) and N clients doing mixed
// B2 operations for a set time. Reports every error (goal: none) and the server's resident memory over time (goal:
// flat). Usage: bench/soak [--minutes 30] [--clients 64] [--out bench/results/soak-latest.md]
var minutes = 30.0;
var clients = 64;
string? outPath = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--minutes" when i + 1 < args.Length:
            minutes = double.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--clients" when i + 1 < args.Length:
            clients = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--out" when i + 1 < args.Length:
            outPath = args[++i];
            break;
        default:
            Console.Error.WriteLine($"soak: unknown option {args[i]}. Options: --minutes N, --clients N, --out FILE.md");
            return 2;
    }
}

var duration = TimeSpan.FromMinutes(minutes);
var sampleEvery = TimeSpan.FromSeconds(Math.Clamp(duration.TotalSeconds / 60, 2, 30));
var data = Path.Combine(Path.GetTempPath(), "cairn-soak-" + Guid.NewGuid().ToString("N"));
var tally = new SoakTally();
var samples = new List<(TimeSpan At, long RssBytes, long Ops, long Errors)>();
await using (var server = await CairnProcess.StartAsync(data, environment: new Dictionary<string, string>
{
    ["CAIRN_ABSOLUTE_MINIMUM_PART_SIZE"] = SoakClient.MinPartSize.ToString(CultureInfo.InvariantCulture),
}))
{
    Console.WriteLine($"soak: {clients} clients for {duration} against Cairn pid {server.ProcessId} on {data}; memory sampled every {sampleEvery.TotalSeconds:F0} s");
    using var admin = await B2Session.AuthorizeAsync(server);
    var bucketId = await admin.CreateBucketAsync("soak-" + Guid.NewGuid().ToString("N")[..12]);
    var sessions = new List<B2Session>();
    for (var c = 0; c < clients; c++)
    {
        sessions.Add(await B2Session.AuthorizeAsync(server));
    }

    using var stop = new CancellationTokenSource(duration);
    var clock = Stopwatch.StartNew();
    var workers = sessions.Select((s, c) => Task.Run(() => new SoakClient(s, bucketId, c, tally).RunAsync(stop.Token))).ToList();
    samples.Add((TimeSpan.Zero, Rss(server.ProcessId), 0, 0));
    while (!stop.IsCancellationRequested)
    {
        try
        {
            await Task.Delay(sampleEvery, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        if (server.HasExited)
        {
            Console.WriteLine("soak: the server died" + Environment.NewLine + server.Output);
            return 1;
        }
        samples.Add((clock.Elapsed, Rss(server.ProcessId), tally.TotalOk, tally.TotalErrors));
        var last = samples[^1];
        Console.WriteLine($"{last.At:hh\\:mm\\:ss}  RSS {last.RssBytes / 1048576.0,7:F1} MiB  ops {last.Ops,9}  errors {last.Errors}");
    }
    await Task.WhenAll(workers);
    foreach (var s in sessions)
    {
        s.Dispose();
    }
    samples.Add((clock.Elapsed, Rss(server.ProcessId), tally.TotalOk, tally.TotalErrors));
}
Directory.Delete(data, recursive: true);

var report = Report(minutes, clients, tally, samples);
Console.WriteLine();
Console.WriteLine(report);
if (outPath is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
    await File.WriteAllTextAsync(outPath, report);
    Console.WriteLine($"written to {outPath}");
}
return tally.TotalErrors == 0 ? 0 : 1;

static long Rss(int pid)
{
    foreach (var line in File.ReadLines($"/proc/{pid}/status"))
    {
        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
        {
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
    }
    return 0;
}

static string Report(double minutes, int clients, SoakTally tally, List<(TimeSpan At, long RssBytes, long Ops, long Errors)> samples)
{
    static string MiB(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
    var text = new StringBuilder();
    var elapsed = samples[^1].At;
    text.AppendLine(CultureInfo.InvariantCulture, $"# Soak: {clients} clients, {minutes:G} minutes ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
    text.AppendLine();
    text.AppendLine(CultureInfo.InvariantCulture, $"{tally.TotalOk} operations in {elapsed.TotalSeconds:F0} s ({tally.TotalOk / Math.Max(1, elapsed.TotalSeconds):F0}/s), **{tally.TotalErrors} errors**.");
    text.AppendLine();
    text.AppendLine("| operation | done | errors |");
    text.AppendLine("|---|---:|---:|");
    foreach (var (op, n) in tally.OkByOperation.OrderBy(p => p.Key, StringComparer.Ordinal))
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"| {op} | {n} | {tally.ErrorsByOperation.GetValueOrDefault(op)} |");
    }
    text.AppendLine();
    // Memory: one row per tenth of the run, and the first and last fifth compared (the first minute is warm-up).
    text.AppendLine("| time | server RSS (MiB) | operations so far |");
    text.AppendLine("|---|---:|---:|");
    var step = Math.Max(1, samples.Count / 10);
    for (var i = 0; i < samples.Count; i += step)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"| {samples[i].At:hh\\:mm\\:ss} | {MiB(samples[i].RssBytes)} | {samples[i].Ops} |");
    }
    if ((samples.Count - 1) % step != 0)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"| {samples[^1].At:hh\\:mm\\:ss} | {MiB(samples[^1].RssBytes)} | {samples[^1].Ops} |");
    }
    var loaded = samples.Skip(1).ToList();
    var fifth = Math.Max(1, loaded.Count / 5);
    var early = loaded.Take(fifth).Average(s => s.RssBytes);
    var late = loaded.TakeLast(fifth).Average(s => s.RssBytes);
    text.AppendLine();
    text.AppendLine(CultureInfo.InvariantCulture, $"RSS averaged {MiB((long)early)} MiB over the first fifth of the run and {MiB((long)late)} MiB over the last "
        + $"({(late - early) / early * 100:+0.0;-0.0}%); peak {MiB(samples.Max(s => s.RssBytes))} MiB.");
    if (tally.TotalErrors > 0)
    {
        text.AppendLine();
        text.AppendLine("First errors:");
        text.AppendLine();
        foreach (var message in tally.FirstErrors)
        {
            text.AppendLine("    " + message);
        }
    }
    return text.ToString();
}
