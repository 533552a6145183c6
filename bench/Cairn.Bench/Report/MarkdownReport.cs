using System.Globalization;
using System.Text;
using Cairn.Bench.Workloads;

namespace Cairn.Bench.Report;

/// <summary>latest.md: one row per workload, Cairn next to its machine limit and the peers, with the ratios.</summary>
internal static class MarkdownReport
{
    public static string Render(Results results, Profile profile)
    {
        var md = new StringBuilder();
        var size = Bytes(profile.LargeObjectSize);
        md.AppendLine(CultureInfo.InvariantCulture, $"## Cairn benchmark ({profile.Name} run, {results.Run.GetValueOrDefault("started")})");
        md.AppendLine();
        md.AppendLine("| Workload | Cairn (B2 Native API) | Machine limit | Cairn ÷ limit | moto (S3) | s3rver (S3) | Cairn ÷ s3rver |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        Row(md, results, $"{size} up, 1 stream, SHA-1 checked, durable", ObjectWorkloads.LargeUpload, "bare hash-write-fsync");
        Row(md, results, $"{size} down, 1 stream, SHA-1 checked", ObjectWorkloads.LargeDownload, "bare SendFileAsync");
        foreach (var bytes in profile.SmallSizes)
        {
            foreach (var operation in new[] { "PUT", "GET" })
            {
                foreach (var concurrency in profile.Concurrencies)
                {
                    var workload = ObjectWorkloads.Small(operation, bytes, concurrency);
                    Row(md, results, workload, workload, operation == "PUT" ? "bare hash-write-fsync" : "bare GET from memory");
                }
            }
        }
        Row(md, results, $"large file, {profile.PartCount} parallel parts of {Bytes(profile.PartSize)}", ObjectWorkloads.Parts, "bare hash-write-fsync, same parts");
        Row(md, results, "listing bucket fill, 1-byte files, c64", ListingWorkload.Fill, null);
        Row(md, results, "b2_list_file_names, 1000 names/page", ListingWorkload.Flat, null);
        Row(md, results, "b2_list_file_names, delimiter \"/\", 1000 folders/page", ListingWorkload.Delimited, null);
        Row(md, results, "peak resident memory (VmRSS)", ServerFigures.PeakRss, null);
        Row(md, results, "first answer after start", ServerFigures.FirstAnswer, null);
        Row(md, results, "first answer after restart", ServerFigures.FirstAnswerRestart, null);
        md.AppendLine();
        md.AppendLine("Machine limits measured in the same run:");
        md.AppendLine();
        md.AppendLine("| Limit | Figure |");
        md.AppendLine("|---|---|");
        foreach (var m in results.Measurements.Where(m => m.Target == MachineLimits.Target))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {m.Workload} | {Format.Figure(m)} |");
        }
        if (results.Find("bare-drain", ObjectWorkloads.LargeUpload) is { } drain)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {size} up, 1 stream, bare drain (no hash, no disk) | {Format.Figure(drain)} |");
        }
        if (results.Find("bare", ObjectWorkloads.LargeUpload) is { } hashWrite)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {size} up, 1 stream, bare hash-write-fsync | {Format.Figure(hashWrite)} |");
        }
        if (results.Find("bare-md5", ObjectWorkloads.LargeUpload) is { } md5)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {size} up, 1 stream, bare hash-write-fsync with MD5 in the same pass | {Format.Figure(md5)} |");
        }
        md.AppendLine();
        md.AppendLine("Notes:");
        md.AppendLine();
        md.AppendLine("- Cairn is driven through the B2 Native API with `HttpClient`; its S3 API does not exist yet, so the peers are driven through AWSSDK.S3");
        md.AppendLine("  (path style, SigV4 with a signed payload over plain HTTP: the client hashes every body with SHA-256, which B2 clients do not do).");
        md.AppendLine("  The bare endpoints use the same `HttpClient` set-up as Cairn. B2 uploads send a SHA-1 computed before the clock starts.");
        md.AppendLine("- Durability differs: Cairn and the bare hash-write-fsync endpoint answer an upload only after fsync; s3rver writes files without");
        md.AppendLine("  fsync and moto keeps objects in its process's memory, so their PUT figures carry no durability cost.");
        md.AppendLine("- Peak resident memory is VmRSS; \"anon\" is RssAnon, without the file pages the process maps (the .NET runtime's own files,");
        md.AppendLine("  and SQLite's database when Cairn:Storage:Sqlite:MemoryMapBytes is set).");
        md.AppendLine("- Latencies are per request, as the client sees them: p50 / p99. Every phase stops at its count or its time.");
        md.AppendLine("- Before each large upload (the single object and the parts) the harness writes and deletes a file of the same size, so every");
        md.AppendLine("  target fills memory the kernel has just used: on a VM whose host takes idle memory back, filling memory not touched recently");
        md.AppendLine("  costs several times more (a plain 1 GiB `dd` into a new file: about 450 MB/s on such memory, 3.9 GB/s on memory just freed).");
        md.AppendLine("- B2 answers every upload with `contentMd5`, so Cairn computes MD5 as well as SHA-1; the bare hash-write-fsync endpoint computes");
        md.AppendLine("  SHA-1 only, and its MD5 variant computes both in one pass on one core.");
        md.AppendLine("- Listing is Cairn only: no peer offers B2's listing. The bucket holds the files the fill reached by its count or its time (the");
        md.AppendLine("  table says how many); nothing is extrapolated.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Client and servers share {results.Machine.GetValueOrDefault("cores (nproc)")} cores. Load average before the run: {results.Run.GetValueOrDefault("load average before")}; after: {results.Run.GetValueOrDefault("load average after")}. Run took {results.Run.GetValueOrDefault("duration")}.");
        if (results.Run.TryGetValue("cairn settings", out var settings))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- Cairn ran with settings other than its defaults: `{settings}`.");
        }
        foreach (var failure in results.Measurements.Where(m => m.Workload == "set-up"))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {failure.Target} could not be measured: {failure.Note}");
        }
        md.AppendLine();
        md.AppendLine("Machine: " + string.Join("; ", results.Machine.Select(p => $"{p.Key}: {p.Value}")));
        return md.ToString();
    }

    private static void Row(StringBuilder md, Results results, string label, string workload, string? limitLabel)
    {
        var cairn = results.Find("cairn", workload);
        var limit = limitLabel is null ? null : results.Find("bare", workload);
        // Memory and start-up times are shown side by side but not divided: a ratio there reads the wrong way round.
        var compare = cairn?.Unit is not ("ms" or "MiB");
        var s3rver = results.Find("s3rver", workload);
        var limitText = limit is null ? "—" : $"{Format.Figure(limit)} ({limitLabel})";
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {label} | {Format.Figure(cairn)} | {limitText} | {Format.Ratio(cairn, limit)} | {Format.Figure(results.Find("moto", workload))} | {Format.Figure(s3rver)} | {(compare ? Format.Ratio(cairn, s3rver) : "—")} |");
    }

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20} MiB",
        _ => $"{bytes / 1_000_000} MB",
    };
}
