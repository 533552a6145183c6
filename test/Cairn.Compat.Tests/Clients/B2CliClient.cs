using System.Text.Json;

namespace Cairn.Compat.Tests.Clients;

/// <summary>
/// The b2 command-line tool 1.3.8 (Debian <c>backblaze-b2</c>), run through <c>b2cli_launcher.py</c> with
/// <c>/usr/bin/python3</c>, with its own account-info sqlite so tests never share a session.
/// </summary>
public sealed class B2CliClient(string baseUrl, string stateDir)
{
    public const string Python = "/usr/bin/python3";

    private static readonly string Launcher = Path.Combine(AppContext.BaseDirectory, "Clients", "b2cli_launcher.py");

    private static readonly Lazy<Task> Installed = new(EnsureInstalledAsync);

    private readonly string _accountInfo = Path.Combine(Directory.CreateDirectory(stateDir).FullName, "b2_account_info");

    /// <summary>Runs <c>b2 &lt;arguments&gt;</c>; throws with its output unless it exits with 0.</summary>
    public async Task<ProcessResult> RunAsync(params string[] arguments) => (await TryRunAsync(arguments)).EnsureSuccess();

    /// <summary>Runs <c>b2 &lt;arguments&gt;</c> and returns whatever happened.</summary>
    public async Task<ProcessResult> TryRunAsync(params string[] arguments)
    {
        await Installed.Value;
        return await ProcessRunner.RunAsync(Python, [Launcher, .. arguments], Environment(stateDir),
            missingHint: "/usr/bin/python3 is missing (apt-get install python3 backblaze-b2); the compatibility tests never skip.");
    }

    /// <summary>Runs a command that prints one JSON document and parses it.</summary>
    public async Task<JsonElement> RunJsonAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        try
        {
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ClientProcessException($"expected JSON: {e.Message}{System.Environment.NewLine}{result.Describe()}");
        }
    }

    public static IReadOnlyList<string> Lines(ProcessResult result) =>
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    private Dictionary<string, string> Environment(string workingDir) => new()
    {
        ["CAIRN_URL"] = baseUrl,
        ["B2_ACCOUNT_INFO"] = _accountInfo,
        ["HOME"] = workingDir,
        ["PYTHONIOENCODING"] = "utf-8",
        ["PYTHONDONTWRITEBYTECODE"] = "1",
        ["LC_ALL"] = "C.UTF-8",
    };

    /// <summary>Fails (never skips) when the Debian package's Python module cannot be imported.</summary>
    private static async Task EnsureInstalledAsync()
    {
        var probe = await ProcessRunner.RunAsync(Python, ["-c", "import b2.console_tool, b2.account_info.abstract"],
            missingHint: "/usr/bin/python3 is missing (apt-get install python3 backblaze-b2); the compatibility tests never skip.");
        if (probe.ExitCode != 0)
        {
            throw new ClientProcessException("the b2 command-line tool is not installed for /usr/bin/python3 " +
                "(apt-get install backblaze-b2); the compatibility tests never skip." + System.Environment.NewLine + probe.Describe());
        }
    }
}
