using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cairn.Bench.Servers;

/// <summary>
/// A server under test as its own OS process on 127.0.0.1: started, timed until its first answer, sampled for
/// resident memory (<c>/proc/&lt;pid&gt;/status</c> VmRSS) while it runs, and killed by its own pid at the end.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly CancellationTokenSource _stopSampling = new();
    private Task? _sampler;
    private long _peakRssKiB;
    private long _peakAnonKiB;

    private ServerProcess(string name, Process process, string baseUrl)
    {
        Name = name;
        _process = process;
        BaseUrl = baseUrl;
    }

    public string Name { get; }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    /// <summary>From process start to the first answer to the readiness probe.</summary>
    public TimeSpan TimeToFirstAnswer { get; private set; }

    public double PeakRssMiB => Interlocked.Read(ref _peakRssKiB) / 1024.0;

    /// <summary>
    /// Peak of RssAnon: the process's own memory (heap, stacks), without file pages it maps (RssFile), such as
    /// SQLite's memory-mapped database, which the kernel can drop at any time.
    /// </summary>
    public double PeakAnonMiB => Interlocked.Read(ref _peakAnonKiB) / 1024.0;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/>, where <c>{port}</c> is replaced by a free
    /// loopback port, and waits until <paramref name="probePath"/> answers (any status when <paramref name="anyStatus"/>).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment,
        string probePath, bool anyStatus, string? workingDirectory = null)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument.Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("CAIRN_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        var server = new ServerProcess(name, process, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        var started = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        server._sampler = Task.Run(() => server.SampleAsync(server._stopSampling.Token));
        try
        {
            await server.WaitUntilAnsweringAsync(probePath, anyStatus, started);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Seconds of CPU (user + system) the process has used so far.</summary>
    public double CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat(5), counted from after the command name: utime, stime in clock ticks (100/s).
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopSampling.CancelAsync();
        if (_sampler is not null)
        {
            await _sampler;
        }
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already gone, or the OS reaps it later.
        }
        _process.Dispose();
        _stopSampling.Dispose();
    }

    private async Task WaitUntilAnsweringAsync(string probePath, bool anyStatus, Stopwatch started)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before answering on {BaseUrl}.{Environment.NewLine}{Output}");
            }
            try
            {
                using var response = await http.GetAsync(BaseUrl + probePath);
                if (anyStatus || response.StatusCode == HttpStatusCode.OK)
                {
                    TimeToFirstAnswer = started.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }
            if (started.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"{Name} did not answer {BaseUrl}{probePath} within {StartTimeout}.{Environment.NewLine}{Output}");
            }
            await Task.Delay(10);
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (rss, anon) = ReadRssKiB(_process.Id);
            if (rss > Interlocked.Read(ref _peakRssKiB))
            {
                Interlocked.Exchange(ref _peakRssKiB, rss);
            }
            if (anon > Interlocked.Read(ref _peakAnonKiB))
            {
                Interlocked.Exchange(ref _peakAnonKiB, anon);
            }
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static (long Rss, long Anon) ReadRssKiB(int pid)
    {
        long rss = 0, anon = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kib(line);
                }
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    anon = Kib(line);
                }
            }
        }
        catch (IOException)
        {
            // The process is gone.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return (rss, anon);
    }

    private static long Kib(string line) =>
        long.Parse(line[(line.IndexOf(':') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (_output.Length > 200_000)
            {
                _output.Remove(0, 100_000);
            }
            _output.AppendLine(line);
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
