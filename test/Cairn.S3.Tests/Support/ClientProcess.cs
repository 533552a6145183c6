using System.Diagnostics;

namespace Cairn.S3.Tests.Support;

/// <summary>Runs a real client as a process (bash script), with its environment, and fails with its output when it fails.</summary>
public static class ClientProcess
{
    /// <summary>Runs <paramref name="script"/> under bash in <paramref name="workDir"/>; returns standard output.</summary>
    public static async Task<string> RunAsync(string script, IReadOnlyDictionary<string, string> environment, string workDir, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("/bin/bash", ["-euo", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDir,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        // Never pick up the machine's AWS profile or proxy settings.
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["HOME"] = workDir;
        // A machine-wide AWS_CA_BUNDLE breaks rclone's S3 backend on plain HTTP; Cairn's tests speak HTTP on loopback.
        foreach (var name in new[] { "HTTP_PROXY", "http_proxy", "AWS_CA_BUNDLE" })
        {
            start.Environment.Remove(name);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"client script did not finish: {await output}\n{await error}");
        }
        Assert.True(process.ExitCode == 0, $"client script failed ({process.ExitCode}):\n{await output}\n{await error}");
        return await output;
    }

    /// <summary>A fresh directory for a client's files and config, deleted by the caller.</summary>
    public static string NewWorkDir()
    {
        var path = Path.Combine(Path.GetTempPath(), "cairn-s3-client-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The first of <paramref name="candidates"/> that exists; Debian's packages first.</summary>
    public static string Find(params string[] candidates) =>
        candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException($"none of {string.Join(", ", candidates)} is installed; ./test.sh installs them");
}
