using System.Diagnostics;
using System.Globalization;
using Cairn.Bench.Clients;
using Cairn.Bench.Report;

namespace Cairn.Bench.Workloads;

/// <summary>
/// Workload 3 (Cairn only: no peer offers B2's listing): fill a bucket with many 1-byte files over
/// <see cref="Profile.ListFolders"/> folders through the API at concurrency 64, then page through it 1000 names at a
/// time, without and with a delimiter. The fill stops at its count or its time; the table says how many files
/// there were, and nothing is extrapolated.
/// </summary>
internal sealed class ListingWorkload(Profile profile, Results results, string target, B2Client client)
{
    private const string Bucket = "bench-listing";
    private const int PageSize = 1000;

    public static string Fill => "listing fill (1-byte files)";

    public static string Flat => "list 1000 names";

    public static string Delimited => "list 1000 folders (delimiter)";

    public async Task RunAsync()
    {
        await client.CreateBucketAsync(Bucket, CancellationToken.None);
        var files = await FillAsync();
        if (files == 0)
        {
            return;
        }
        await PagesAsync(Flat, files, delimiter: null);
        await PagesAsync(Delimited, files, delimiter: "/");
    }

    private async Task<int> FillAsync()
    {
        const int Concurrency = 64;
        using var abort = new CancellationTokenSource(profile.ListFillTime + TimeSpan.FromSeconds(30));
        var sha1 = Support.Pattern.Sha1(0, 1);
        var sessions = new IStoreSession[Concurrency];
        for (var i = 0; i < Concurrency; i++)
        {
            sessions[i] = await client.OpenSessionAsync(Bucket, abort.Token);
        }
        var next = -1;
        var done = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            await Task.WhenAll(sessions.Select(session => Task.Run(async () =>
            {
                while (true)
                {
                    var i = Interlocked.Increment(ref next);
                    if (i >= profile.ListFiles || clock.Elapsed >= profile.ListFillTime)
                    {
                        return;
                    }
                    await session.PutAsync(Name(i), 0, 1, sha1, abort.Token);
                    Interlocked.Increment(ref done);
                }
            })));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            results.Add(new Measurement { Target = target, Workload = Fill, Note = "failed: " + e.Message, Count = done });
            return 0;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var note = done < profile.ListFiles ? $"{done:N0} files (stopped at {profile.ListFillTime.TotalSeconds:0} s)" : $"{done:N0} files";
        results.Add(new Measurement { Target = target, Workload = Fill, Value = done / seconds, Unit = "files/s", Count = done, Seconds = seconds, Note = note });
        return done;
    }

    /// <summary>Walks the bucket page by page from the start, again and again, until the page count or time is reached.</summary>
    private async Task PagesAsync(string workload, int files, string? delimiter)
    {
        var millis = new List<double>();
        var entries = 0L;
        var clock = Stopwatch.StartNew();
        string? start = null;
        try
        {
            while (millis.Count < profile.ListPages && clock.Elapsed < profile.ListTime)
            {
                var began = Stopwatch.GetTimestamp();
                var (count, nextName) = await client.ListFileNamesAsync(Bucket, start, prefix: null, delimiter, PageSize, CancellationToken.None);
                millis.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                entries += count;
                start = nextName;
            }
        }
        catch (HttpRequestException e)
        {
            results.Add(new Measurement { Target = target, Workload = workload, Note = "failed: " + e.Message });
            return;
        }
        var (p50, p99) = Support.Latencies.Percentiles(millis);
        var folders = Math.Min(files, profile.ListFolders);
        var note = delimiter is null
            ? $"{files:N0} files, {entries / Math.Max(1, millis.Count):0} names/page"
            : $"{files:N0} files in {folders:N0} folders, {entries / Math.Max(1, millis.Count):0} entries/page";
        results.Add(new Measurement { Target = target, Workload = workload, Value = p99, Unit = "ms", P50Ms = p50, P99Ms = p99, Count = millis.Count, Seconds = clock.Elapsed.TotalSeconds, Note = note });
    }

    private string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"d{i % profile.ListFolders:D5}/f{i:D8}");
}
