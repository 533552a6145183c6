using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Keys;

/// <summary>
/// Runs a real client as a process with a time bound and captures its output (minimal helper for the key tests; the
/// shared client helpers live in Clients/).
/// </summary>
internal static class ToolRun
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    public static async Task<Result> RunAsync(ITestOutputHelper? output, string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish in time");
        }
        var result = new Result(process.ExitCode, await stdout, await stderr);
        output?.WriteLine($"$ {Path.GetFileName(fileName)} {string.Join(' ', start.ArgumentList)} → {result.ExitCode}");
        if (result.All.Length > 0)
        {
            output?.WriteLine(Truncate(result.All, 4000));
        }
        return result;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
