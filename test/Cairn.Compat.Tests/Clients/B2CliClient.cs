using System.Text.Json;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Clients;

/// <summary>
/// The b2 command-line tool 1.3.8 (Debian <c>backblaze-b2</c>), run through <c>b2cli_launcher.py</c> with
/// <c>/usr/bin/python3</c>, with its own account-info sqlite (B2_ACCOUNT_INFO) in <paramref name="stateDir"/> so tests,
/// and the keys one test authorizes with, never share a session.
/// </summary>
public sealed class B2CliClient(string baseUrl, string stateDir)
{
    private static readonly string Launcher = Path.Combine(AppContext.BaseDirectory, "Clients", "b2cli_launcher.py");

    private static readonly Lazy<Task> Installed = new(() =>
        Python.RequireAsync("import b2.console_tool, b2.account_info.abstract", "the b2 command-line tool", "backblaze-b2"));

    private readonly string _accountInfo = Path.Combine(Directory.CreateDirectory(stateDir).FullName, "b2_account_info");

    /// <summary>How long one command may run before it is killed.</summary>
    public TimeSpan Timeout { get; init; } = ProcessRunner.DefaultTimeout;

    /// <summary>Where each command and its output are written, if anywhere.</summary>
    public ITestOutputHelper? Log { get; init; }

    /// <summary>Runs <c>b2 &lt;arguments&gt;</c>; throws with its output unless it exits with 0.</summary>
    public async Task<ProcessResult> RunAsync(params string[] arguments) => (await TryRunAsync(arguments)).EnsureSuccess();

    /// <summary>Runs <c>b2 &lt;arguments&gt;</c> and returns whatever happened.</summary>
    public async Task<ProcessResult> TryRunAsync(params string[] arguments)
    {
        await Installed.Value;
        return await ProcessRunner.RunAsync(Python.Executable, [Launcher, .. arguments], Environment(stateDir),
            timeout: Timeout, missingHint: Python.MissingHint, log: Log);
    }

    /// <summary>Runs a command that prints one JSON document and parses it.</summary>
    public async Task<JsonElement> RunJsonAsync(params string[] arguments) => (await RunAsync(arguments)).StdoutJson();

    private Dictionary<string, string> Environment(string workingDir) => new()
    {
        ["CAIRN_URL"] = baseUrl,
        ["B2_ACCOUNT_INFO"] = _accountInfo,
        ["HOME"] = workingDir,
        ["PYTHONIOENCODING"] = "utf-8",
        ["PYTHONDONTWRITEBYTECODE"] = "1",
        ["LC_ALL"] = "C.UTF-8",
    };
}
