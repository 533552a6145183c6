using System.Text.Json;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Clients;

/// <summary>
/// Runs one scenario of <c>b2sdk_scenarios.py</c> with <c>/usr/bin/python3</c> (where Debian's python3-b2sdk
/// 1.17.3 lives), authorized with any key, and returns the JSON it printed.
/// </summary>
public static class B2SdkScript
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Clients", "b2sdk_scenarios.py");

    private static readonly Lazy<Task> Installed = new(() => Python.RequireAsync(
        "import b2sdk.version, sys; sys.exit(0 if b2sdk.version.VERSION == '1.17.3' else 3)", "b2sdk 1.17.3", "python3-b2sdk"));

    /// <summary>Runs <paramref name="scenario"/>; throws with its output unless it exits with 0 and prints JSON.</summary>
    public static async Task<JsonElement> RunAsync(string scenario, string baseUrl, string keyId, string key, string bucketName, string workDir,
        TimeSpan? timeout = null, ITestOutputHelper? log = null)
    {
        await Installed.Value;
        var result = await ProcessRunner.RunAsync(Python.Executable, [Script, scenario, workDir],
            new Dictionary<string, string>
            {
                ["CAIRN_URL"] = baseUrl,
                ["CAIRN_KEY_ID"] = keyId,
                ["CAIRN_KEY"] = key,
                ["CAIRN_BUCKET"] = bucketName,
                ["HOME"] = workDir,
                ["PYTHONIOENCODING"] = "utf-8",
                ["PYTHONDONTWRITEBYTECODE"] = "1",
            },
            timeout: timeout, missingHint: Python.MissingHint, log: log);
        return result.EnsureSuccess().StdoutJson();
    }
}
