using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Keys;

/// <summary>
/// The three Debian clients, driven against a Cairn URL for the key tests: the b2 CLI 1.3.8 through a launcher that
/// points its realm at Cairn, rclone 1.60 with :b2: remotes on the command line, and b2sdk 1.17 scripts.
/// </summary>
internal sealed class KeyClients : IDisposable
{
    private const string Python = "/usr/bin/python3";

    private const string B2Launcher = """
        import os
        from b2.account_info.abstract import AbstractAccountInfo
        AbstractAccountInfo.REALM_URLS['production'] = os.environ['CAIRN_URL']
        from b2.console_tool import main
        main()
        """;

    private readonly ITestOutputHelper _output;

    public KeyClients(ITestOutputHelper output, string baseUrl)
    {
        _output = output;
        BaseUrl = baseUrl;
        Directory.CreateDirectory(WorkDirectory);
        File.WriteAllText(Path.Combine(WorkDirectory, "b2cairn.py"), B2Launcher);
    }

    public string BaseUrl { get; }

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "cairn-keys-" + Guid.NewGuid().ToString("N"));

    /// <summary>Runs the b2 CLI with its own account-info file per <paramref name="profile"/>.</summary>
    public Task<ToolRun.Result> B2Async(string profile, params string[] arguments) =>
        ToolRun.RunAsync(_output, Python, [Path.Combine(WorkDirectory, "b2cairn.py"), .. arguments], new Dictionary<string, string>
        {
            ["CAIRN_URL"] = BaseUrl,
            ["B2_ACCOUNT_INFO"] = Path.Combine(WorkDirectory, profile + ".b2info"),
            ["HOME"] = WorkDirectory,
        }, WorkDirectory);

    /// <summary>rclone with an on-the-fly b2 remote for the key; no config file is read.</summary>
    public Task<ToolRun.Result> RcloneAsync(string keyId, string key, params string[] arguments) =>
        ToolRun.RunAsync(_output, "/usr/bin/rclone",
            ["--config", Path.Combine(WorkDirectory, "rclone.conf"), "--b2-endpoint", BaseUrl, "--b2-account", keyId, "--b2-key", key, .. arguments],
            new Dictionary<string, string> { ["HOME"] = WorkDirectory }, WorkDirectory, TimeSpan.FromMinutes(4));

    /// <summary>Runs a b2sdk script; it gets CAIRN_URL, KEY_ID and KEY in its environment.</summary>
    public Task<ToolRun.Result> B2sdkAsync(string script, string keyId, string key)
    {
        var path = Path.Combine(WorkDirectory, "script-" + Guid.NewGuid().ToString("N")[..8] + ".py");
        File.WriteAllText(path, script);
        return ToolRun.RunAsync(_output, Python, [path], new Dictionary<string, string>
        {
            ["CAIRN_URL"] = BaseUrl,
            ["KEY_ID"] = keyId,
            ["KEY"] = key,
            ["HOME"] = WorkDirectory,
        }, WorkDirectory, TimeSpan.FromMinutes(4));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
