using System.Text.Json;

namespace Cairn.Compat.Tests.Clients;

/// <summary>
/// Runs one scenario of <c>b2sdk_scenarios.py</c> with <c>/usr/bin/python3</c> (where Debian's python3-b2sdk
/// 1.17.3 lives) and returns the JSON it printed.
/// </summary>
public static class B2SdkScript
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Clients", "b2sdk_scenarios.py");

    private static readonly Lazy<Task> Installed = new(EnsureInstalledAsync);

    public static async Task<JsonElement> RunAsync(string scenario, string baseUrl, string keyId, string key, string bucketName, string workDir)
    {
        await Installed.Value;
        var result = (await ProcessRunner.RunAsync(B2CliClient.Python, [Script, scenario, workDir],
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
            missingHint: "/usr/bin/python3 is missing (apt-get install python3 python3-b2sdk); the compatibility tests never skip.")).EnsureSuccess();
        try
        {
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ClientProcessException($"the scenario did not print JSON: {e.Message}{Environment.NewLine}{result.Describe()}");
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        var probe = await ProcessRunner.RunAsync(B2CliClient.Python,
            ["-c", "import b2sdk.version, sys; sys.exit(0 if b2sdk.version.VERSION == '1.17.3' else 3)"],
            missingHint: "/usr/bin/python3 is missing (apt-get install python3 python3-b2sdk); the compatibility tests never skip.");
        if (probe.ExitCode != 0)
        {
            throw new ClientProcessException("b2sdk 1.17.3 is not importable by /usr/bin/python3 (apt-get install python3-b2sdk); " +
                "the compatibility tests never skip." + Environment.NewLine + probe.Describe());
        }
    }
}
