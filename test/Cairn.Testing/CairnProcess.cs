using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cairn.Testing;

/// <summary>
/// The built Cairn server as a separate OS process (<c>dotnet Cairn.Server.dll</c>), for tests that must crash it:
/// <see cref="Kill"/> is SIGKILL, so nothing in the server gets to clean up. It listens on 127.0.0.1 with a free port
/// and keeps its stdout and stderr for failure messages. Disposing kills it if it still runs; the data directory
/// belongs to the caller and is never deleted here.
/// </summary>
public sealed class CairnProcess : IAsyncDisposable
{
    private const int MaxOutputChars = 1_000_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private CairnProcess(Process process, string baseUrl, string dataPath)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataPath = dataPath;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string BaseUrl { get; }

    public string DataPath { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Blobs the server is writing right now: its open files under the data directory that have no name yet (unnamed
    /// O_TMPFILE files show as "… (deleted)" in /proc) or live under tmp/ (the named fallback).
    /// </summary>
    public int CountBlobsBeingWritten()
    {
        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{_process.Id}/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed while we looked
            }
            if (target is not null && target.StartsWith(DataPath, StringComparison.Ordinal)
                && (target.EndsWith(" (deleted)", StringComparison.Ordinal) || target.StartsWith(Path.Combine(DataPath, "tmp"), StringComparison.Ordinal)))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>The exit code once the process has exited. A process killed by signal N reports 128 + N on Unix.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote to stdout and stderr so far, interleaved as it arrived.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>Cairn.Server.dll</c> from the test's output directory on <paramref name="dataPath"/> and returns once
    /// <c>GET /health</c> answers 200. With <paramref name="fixedMasterKey"/> the master key is
    /// <see cref="CairnServer.MasterKeyId"/>/<see cref="CairnServer.MasterKey"/> (environment); without it the server
    /// generates one on its first start and prints it once.
    /// </summary>
    public static async Task<CairnProcess> StartAsync(string dataPath, bool fixedMasterKey = true, IReadOnlyDictionary<string, string>? environment = null)
    {
        // Another process can take the free port between our probe and the server's bind; try again with a new one.
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(dataPath, FreeLoopbackPort(), fixedMasterKey, environment);
            try
            {
                await server.WaitUntilHealthyAsync();
                return server;
            }
            catch (PortTakenException) when (attempt < 3)
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>An HttpClient aimed at the server, with no default headers.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// SIGKILL, no grace: .NET's <see cref="Process.Kill(bool)"/> sends SIGKILL on Unix. Returns once the process is
    /// gone, and checks that it really died of SIGKILL (exit code 137).
    /// </summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        if (!_process.WaitForExit(ExitTimeout))
        {
            throw new InvalidOperationException($"Cairn (pid {_process.Id}) did not die within {ExitTimeout} of SIGKILL.");
        }
        if (!OperatingSystem.IsWindows() && _process.ExitCode != 128 + 9)
        {
            throw new InvalidOperationException($"Cairn (pid {_process.Id}) exited with {_process.ExitCode}, not 137 (SIGKILL).{Environment.NewLine}{Output}");
        }
    }

    /// <summary>
    /// Graceful stop: SIGTERM (what systemd and docker send), then waits for the host to shut down. Returns the exit
    /// code; if the process does not exit in time it is killed and this throws.
    /// </summary>
    public async Task<int> StopAsync()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Graceful stop sends SIGTERM, which needs a Unix-like OS.");
        }
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
            if (kill.ExitCode != 0)
            {
                throw new InvalidOperationException($"kill -TERM {_process.Id} failed with exit code {kill.ExitCode}.");
            }
        }
        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new InvalidOperationException($"Cairn (pid {_process.Id}) did not stop within {ExitTimeout} of SIGTERM; killed it.{Environment.NewLine}{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>Waits until the output contains <paramref name="text"/> (console logging is asynchronous).</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (stopwatch.Elapsed > timeout)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        catch (TimeoutException)
        {
            // Nothing more a test can do; the OS will reap it.
        }
        _process.Dispose();
    }

    /// <summary>Cairn.Server.dll, copied next to the test assembly because Cairn.Testing references the server project.</summary>
    public static string ServerAssemblyPath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Cairn.Server.dll");
        var runtimeConfig = Path.ChangeExtension(path, ".runtimeconfig.json");
        if (!File.Exists(path) || !File.Exists(runtimeConfig))
        {
            throw new FileNotFoundException(
                $"Cairn.Server.dll and Cairn.Server.runtimeconfig.json must be next to the test assembly in {AppContext.BaseDirectory}; build the solution first.", path);
        }
        return path;
    }

    private static CairnProcess Launch(string dataPath, int port, bool fixedMasterKey, IReadOnlyDictionary<string, string>? environment)
    {
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = AppContext.BaseDirectory,
            ArgumentList = { ServerAssemblyPath(), "--urls", baseUrl, "--data", dataPath },
        };
        // Only what this start asks for: nothing inherited may point the server elsewhere.
        foreach (var name in start.Environment.Keys.Where(IsServerSetting).ToList())
        {
            start.Environment.Remove(name);
        }
        if (fixedMasterKey)
        {
            start.Environment["CAIRN_MASTER_KEY_ID"] = CairnServer.MasterKeyId;
            start.Environment["CAIRN_MASTER_KEY"] = CairnServer.MasterKey;
        }
        // Cairn's own logs (data directory, orphan sweep) stay; ASP.NET Core's line per request would drown them.
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new CairnProcess(process, baseUrl, dataPath);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {start.FileName} {string.Join(' ', start.ArgumentList)}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private static bool IsServerSetting(string name) =>
        name.StartsWith("CAIRN_", StringComparison.OrdinalIgnoreCase)
        || name.Equals("ASPNETCORE_URLS", StringComparison.OrdinalIgnoreCase)
        || name.Equals("DOTNET_URLS", StringComparison.OrdinalIgnoreCase)
        || name.Equals("ASPNETCORE_HTTP_PORTS", StringComparison.OrdinalIgnoreCase)
        || name.Equals("ASPNETCORE_HTTPS_PORTS", StringComparison.OrdinalIgnoreCase);

    /// <summary>The dotnet host that runs the tests (the SDK sets DOTNET_HOST_PATH for its children), else dotnet on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

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

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                // Let the output readers drain what the process wrote before it died.
                await _process.WaitForExitAsync();
                var output = Output;
                var message = $"Cairn exited with code {_process.ExitCode} before answering /health on {BaseUrl}.{Environment.NewLine}{output}";
                if (output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    throw new PortTakenException(message);
                }
                throw new InvalidOperationException(message);
            }
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer; try again.
            }
            if (stopwatch.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"Cairn did not answer GET {BaseUrl}/health with 200 within {StartTimeout}.{Environment.NewLine}{Output}");
            }
            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_outputLock)
        {
            if (_output.Length > MaxOutputChars)
            {
                _output.Remove(0, _output.Length / 2).Insert(0, "[earlier output dropped]" + Environment.NewLine);
            }
            _output.AppendLine(line);
        }
    }

    private sealed class PortTakenException(string message) : Exception(message);
}
