using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.LargeFiles;

/// <summary>
/// Runs a real client (rclone, python3 with b2sdk or the b2 CLI) as a process with a time limit, logging its command
/// line and output to the test. A missing client fails the test with what to install; it is never skipped.
/// </summary>
public static class ClientProcess
{
    public const string Python = "/usr/bin/python3";

    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    /// <summary>Runs the command and asserts exit code 0; returns stdout.</summary>
    public static async Task<string> RunOkAsync(ITestOutputHelper output, string executable, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var result = await RunAsync(output, executable, args, environment, timeout, workingDirectory);
        Assert.True(result.ExitCode == 0, $"{Path.GetFileName(executable)} exited with {result.ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{result.StdOut}{Environment.NewLine}stderr:{Environment.NewLine}{result.StdErr}");
        return result.StdOut;
    }

    public static async Task<Result> RunAsync(ITestOutputHelper output, string executable, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var path = Resolve(executable);
        var start = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        output.WriteLine($"$ {executable} {string.Join(' ', start.ArgumentList)}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {path}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{executable} did not finish within {limit}{Environment.NewLine}{stdout}{Environment.NewLine}{stderr}");
        }
        process.WaitForExit();
        string outText, errText;
        lock (stdout)
        {
            outText = stdout.ToString();
        }
        lock (stderr)
        {
            errText = stderr.ToString();
        }
        output.WriteLine(Truncate(outText));
        output.WriteLine(Truncate(errText));
        return new Result(process.ExitCode, outText, errText);
    }

    /// <summary>An absolute path as is, else the first match on PATH; fails the test with an install hint when absent.</summary>
    public static string Resolve(string executable)
    {
        if (Path.IsPathRooted(executable))
        {
            Assert.True(File.Exists(executable), $"{executable} is missing. Install the client (./test.sh installs rclone, python3-b2sdk and backblaze-b2 with apt).");
            return executable;
        }
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        Assert.Fail($"{executable} was not found on PATH. Install it (./test.sh installs rclone, python3-b2sdk and backblaze-b2 with apt); compatibility tests never skip a missing client.");
        return executable;
    }

    /// <summary>Fails with an install hint unless the Python module imports.</summary>
    public static async Task RequirePythonModuleAsync(ITestOutputHelper output, string module, string package)
    {
        var result = await RunAsync(output, Python, ["-c", $"import {module}"]);
        Assert.True(result.ExitCode == 0, $"{Python} cannot import {module}: install the Debian package {package} (./test.sh does). {result.StdErr}");
    }

    /// <summary>A file of <paramref name="length"/> pseudo-random bytes, written in chunks.</summary>
    public static string WriteRandomFile(string path, long length, int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[1 << 20];
        using var file = File.Create(path);
        for (long written = 0; written < length; written += buffer.Length)
        {
            random.NextBytes(buffer);
            file.Write(buffer, 0, (int)Math.Min(buffer.Length, length - written));
        }
        return path;
    }

    private static string Truncate(string text) => text.Length > 8000 ? text[..4000] + Environment.NewLine + "[…]" + Environment.NewLine + text[^4000..] : text;
}
