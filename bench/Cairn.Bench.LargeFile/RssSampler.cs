using System.Globalization;

namespace Cairn.Bench.LargeFile;

/// <summary>Samples a process's resident memory (<c>VmRSS</c> in <c>/proc/&lt;pid&gt;/status</c>) and keeps the peak.</summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public RssSampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var rss = Read(_pid);
                if (rss > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, rss);
                }
                try
                {
                    await Task.Delay(interval, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    /// <summary>Bytes.</summary>
    public long Peak => Interlocked.Read(ref _peak);

    /// <summary>The current VmRSS of <paramref name="pid"/> in bytes, or 0 when it cannot be read.</summary>
    public static long Read(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
