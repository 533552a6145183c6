using System.Text.Json;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Clients;

/// <summary>
/// rclone 1.60 with a remote named <c>cairn</c> of type b2 aimed at the server, configured in its own rclone.conf and
/// cache directory so tests never share client state.
/// </summary>
public sealed class RcloneClient
{
    public const string Remote = "cairn";

    private static readonly string[] QuickFailure = ["--low-level-retries", "1", "--retries", "1"];

    private readonly string _configPath;
    private readonly string _cacheDir;

    public RcloneClient(string baseUrl, string keyId, string key, string stateDir)
    {
        Directory.CreateDirectory(stateDir);
        _configPath = Path.Combine(stateDir, "rclone.conf");
        _cacheDir = Path.Combine(stateDir, "cache");
        File.WriteAllText(_configPath,
            $"[{Remote}]\ntype = b2\naccount = {keyId}\nkey = {key}\nendpoint = {baseUrl}\n");
    }

    /// <summary>
    /// With true (the default) every command gets <c>--low-level-retries 1 --retries 1</c>, so a refusal fails at once;
    /// false leaves rclone's own retries, for tests of clients retrying through faults and long transfers.
    /// </summary>
    public bool FailFast { get; init; } = true;

    /// <summary>How long one command may run before it is killed.</summary>
    public TimeSpan Timeout { get; init; } = ProcessRunner.DefaultTimeout;

    /// <summary>Where each command and its output are written, if anywhere.</summary>
    public ITestOutputHelper? Log { get; init; }

    /// <summary>Runs rclone; throws with its output unless it exits with 0.</summary>
    public async Task<ProcessResult> RunAsync(params string[] arguments) => (await TryRunAsync(arguments)).EnsureSuccess();

    /// <summary>Runs rclone and returns whatever happened.</summary>
    public Task<ProcessResult> TryRunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("rclone",
            ["--config", _configPath, "--cache-dir", _cacheDir, .. FailFast ? QuickFailure : [], .. arguments],
            new Dictionary<string, string> { ["RCLONE_CONFIG_PASS"] = "", ["HOME"] = Path.GetDirectoryName(_configPath)! },
            timeout: Timeout, missingHint: "rclone is not installed (apt-get install rclone); the compatibility tests never skip.", log: Log);

    /// <summary><c>rclone lsjson</c> parsed.</summary>
    public async Task<IReadOnlyList<RcloneEntry>> LsJsonAsync(string path, params string[] options)
    {
        var result = await RunAsync(["lsjson", .. options, $"{Remote}:{path}"]);
        return JsonSerializer.Deserialize<List<RcloneEntry>>(result.Stdout)
            ?? throw new ClientProcessException("lsjson printed null" + Environment.NewLine + result.Describe());
    }
}

/// <summary>One entry of <c>rclone lsjson</c>.</summary>
public sealed record RcloneEntry(string Path, string Name, long Size, DateTimeOffset ModTime, bool IsDir);
