using System.Diagnostics;
using Cairn.Bench.Clients;
using Cairn.Bench.Report;
using Cairn.Bench.Support;

namespace Cairn.Bench.Workloads;

/// <summary>
/// Workloads 1, 2 and 4: the same code for every target, through <see cref="IStoreClient"/>. <c>scratch</c> is where
/// <see cref="PageCachePrimer"/> writes before each large upload.
/// </summary>
internal sealed class ObjectWorkloads(Profile profile, Results results, string target, IStoreClient client, string bucket, string scratch)
{
    public static string LargeUpload => "1 object up";

    private string PrimeDirectory => Path.Combine(scratch, "prime");

    public static string LargeDownload => "1 object down";

    public static string Parts => "large file in parts";

    public static string Small(string operation, int size, int concurrency) => $"{operation} {size / 1024} KiB c{concurrency}";

    /// <summary>Workload 1: one object up, then down, one stream each, SHA-1 checked on the way down.</summary>
    public async Task LargeObjectAsync(bool upload = true, bool download = true)
    {
        var size = profile.LargeObjectSize;
        var sha1 = Pattern.Sha1(0, size);
        var key = "large-object";
        using var timeout = new CancellationTokenSource(profile.LargeObjectTimeout);
        var session = await client.OpenSessionAsync(bucket, timeout.Token);
        if (upload)
        {
            PageCachePrimer.Prime(PrimeDirectory, size);
            await TimedAsync(LargeUpload, size, timeout, () => session.PutAsync(key, 0, size, sha1, timeout.Token));
        }
        if (download)
        {
            await TimedAsync(LargeDownload, size, timeout, async () =>
            {
                var got = await session.GetHashedAsync(key, size, timeout.Token);
                if (got.Sha1 != sha1)
                {
                    throw new InvalidDataException($"Downloaded SHA-1 {got.Sha1}, uploaded {sha1}");
                }
            });
        }
    }

    /// <summary>Workload 4: one large file as parallel parts (b2_start_large_file, S3 multipart).</summary>
    public async Task PartsAsync()
    {
        var total = profile.PartCount * profile.PartSize;
        PageCachePrimer.Prime(PrimeDirectory, total);
        using var timeout = new CancellationTokenSource(profile.PartsTimeout);
        await TimedAsync(Parts, total, timeout, () => client.UploadInPartsAsync(bucket, "large-file", profile.PartCount, profile.PartSize, timeout.Token));
    }

    /// <summary>Workload 2: for each size and concurrency, a PUT phase, then a GET phase over the keys it wrote.</summary>
    public async Task SmallObjectsAsync()
    {
        // Warm up connections and JIT on both sides; not recorded.
        await PhaseAsync("warm-up", 4096, 16, write: true, record: false, TimeSpan.FromSeconds(0.5));
        foreach (var size in profile.SmallSizes)
        {
            foreach (var concurrency in profile.Concurrencies)
            {
                var written = await PhaseAsync("PUT", size, concurrency, write: true, record: true, profile.PhaseMaxTime);
                if (written > 0)
                {
                    await PhaseAsync("GET", size, concurrency, write: false, record: true, profile.PhaseMaxTime, written);
                }
            }
        }
    }

    private async Task<int> PhaseAsync(string operation, int size, int concurrency, bool write, bool record, TimeSpan maxTime, int existing = 0)
    {
        var workload = Small(operation, size, concurrency);
        var sha1 = Pattern.Sha1(0, size);
        var prefix = $"s{size}-c{concurrency}{(record ? "" : "-warm")}/";
        // A hung server must not hang the run: the phase's time plus a grace period, then everything is canceled.
        using var abort = new CancellationTokenSource(maxTime + TimeSpan.FromSeconds(30));
        try
        {
            var sessions = new IStoreSession[concurrency];
            for (var i = 0; i < concurrency; i++)
            {
                sessions[i] = await client.OpenSessionAsync(bucket, abort.Token);
            }
            var latencies = sessions.Select(_ => new Latencies()).ToArray();
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(sessions.Select((session, worker) => Task.Run(async () =>
            {
                while (true)
                {
                    var i = Interlocked.Increment(ref next);
                    if (i >= profile.PhaseMaxOps || clock.Elapsed >= maxTime)
                    {
                        return;
                    }
                    var key = prefix + (write ? i : i % existing).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
                    var started = Stopwatch.GetTimestamp();
                    if (write)
                    {
                        await session.PutAsync(key, 0, size, sha1, abort.Token);
                    }
                    else
                    {
                        await session.GetAsync(key, size, abort.Token);
                    }
                    latencies[worker].Add(started);
                }
            })));
            var seconds = clock.Elapsed.TotalSeconds;
            var count = latencies.Sum(l => l.Count);
            if (record)
            {
                var (p50, p99) = Latencies.Percentiles(latencies);
                results.Add(new Measurement { Target = target, Workload = workload, Value = count / seconds, Unit = "ops/s", P50Ms = p50, P99Ms = p99, Count = count, Seconds = seconds });
            }
            return count;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or OperationCanceledException or Amazon.Runtime.AmazonServiceException or IOException)
        {
            if (record)
            {
                results.Add(new Measurement { Target = target, Workload = workload, Note = Failure(e) });
            }
            else
            {
                Console.WriteLine($"  {target}: warm-up failed: {Failure(e)}");
            }
            return 0;
        }
    }

    private Task TimedAsync(string workload, long bytes, CancellationTokenSource timeout, Func<Task> body) =>
        TimedAsync(workload, bytes, timeout, async () =>
        {
            await body();
            return true;
        });

    /// <summary>Times <paramref name="body"/>; false from it means the server does not offer the operation.</summary>
    private async Task TimedAsync(string workload, long bytes, CancellationTokenSource timeout, Func<Task<bool>> body)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (!await body())
            {
                results.Add(new Measurement { Target = target, Workload = workload, Note = "n/a (not implemented)" });
                return;
            }
            var seconds = clock.Elapsed.TotalSeconds;
            results.Add(new Measurement { Target = target, Workload = workload, Value = bytes / seconds / (1024 * 1024), Unit = "MiB/s", Count = bytes, Seconds = seconds });
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or OperationCanceledException or Amazon.Runtime.AmazonServiceException or IOException)
        {
            var note = timeout.IsCancellationRequested ? $"timeout (> {clock.Elapsed.TotalSeconds:0} s)" : Failure(e);
            results.Add(new Measurement { Target = target, Workload = workload, Note = note, Seconds = clock.Elapsed.TotalSeconds });
        }
    }

    private static string Failure(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ");
        return "failed: " + (message.Length > 160 ? message[..160] + "…" : message);
    }
}
