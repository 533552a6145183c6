using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Clients;

/// <summary>What a finished client process left behind.</summary>
public sealed record ProcessResult(string Command, int ExitCode, byte[] StdoutBytes, string Stderr, TimeSpan Elapsed)
{
    /// <summary>Standard output decoded as UTF-8, exactly as printed.</summary>
    public string Stdout => Encoding.UTF8.GetString(StdoutBytes);

    /// <summary>Standard output then standard error, for a message wherever the client printed it.</summary>
    public string StdoutAndStderr => Stdout + Stderr;

    /// <summary>The non-empty lines of standard output (what <c>ls</c>-like commands print, one entry a line).</summary>
    public IReadOnlyList<string> StdoutLines =>
        Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>Standard output parsed as one JSON document; throws with the whole output when it is not one.</summary>
    public JsonElement StdoutJson()
    {
        try
        {
            return JsonDocument.Parse(Stdout).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ClientProcessException($"expected JSON on stdout: {e.Message}{Environment.NewLine}{Describe()}");
        }
    }

    /// <summary>The command, exit code and both streams, for failure messages.</summary>
    public string Describe() =>
        $"$ {Command}{Environment.NewLine}exit {ExitCode} after {Elapsed.TotalSeconds:F1}s{Environment.NewLine}" +
        $"--- stdout ---{Environment.NewLine}{Stdout}{Environment.NewLine}--- stderr ---{Environment.NewLine}{Stderr}";

    /// <summary>Throws with the whole output unless the process exited with 0.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new ClientProcessException("client exited with a non-zero status" + Environment.NewLine + Describe());
        }
        return this;
    }
}

/// <summary>A client process failed, timed out, or could not be started.</summary>
public sealed class ClientProcessException(string message) : Exception(message);

/// <summary>
/// Runs a client as a child process with its own environment and working directory and a hard timeout: on timeout
/// the whole process tree is killed and the call throws with everything the process printed so far. A client that is
/// not installed fails the test with <c>missingHint</c> (what to install); the compatibility tests never skip. With
/// <c>log</c> the command and what it printed also go to the test's output.
/// </summary>
public static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null,
        string? missingHint = null, ITestOutputHelper? log = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var command = fileName + " " + string.Join(' ', info.ArgumentList.Select(Quote));

        using var process = new Process { StartInfo = info };
        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ClientProcessException($"cannot start '{fileName}': {e.Message}. {missingHint ?? "Install it; the compatibility tests never skip."}");
        }
        process.StandardInput.Close();
        // Raw bytes, not lines: `rclone cat` output is compared byte for byte.
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var drain = Task.WhenAll(
            process.StandardOutput.BaseStream.CopyToAsync(stdout),
            process.StandardError.BaseStream.CopyToAsync(stderr));

        var limit = timeout ?? DefaultTimeout;
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            await drain.WaitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the timeout and the kill.
            }
            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAny(drain, Task.Delay(TimeSpan.FromSeconds(5)));
            var partial = new ProcessResult(command, -1, Snapshot(stdout, drain), Encoding.UTF8.GetString(Snapshot(stderr, drain)), clock.Elapsed);
            throw new ClientProcessException($"client timed out after {limit.TotalSeconds:F0}s and was killed{Environment.NewLine}{partial.Describe()}");
        }
        var result = new ProcessResult(command, process.ExitCode, stdout.ToArray(), Encoding.UTF8.GetString(stderr.ToArray()), clock.Elapsed);
        if (log is not null)
        {
            log.WriteLine(Truncate(result.Describe()));
        }
        return result;
    }

    private static string Truncate(string text) =>
        text.Length <= 8000 ? text : text[..4000] + Environment.NewLine + "[…]" + Environment.NewLine + text[^4000..];

    private static byte[] Snapshot(MemoryStream sink, Task drain) => drain.IsCompleted ? sink.ToArray() : [];

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
