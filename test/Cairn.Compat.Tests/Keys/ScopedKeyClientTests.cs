using System.Text;
using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Keys;

/// <summary>
/// Least-privilege keys with real clients: the b2 CLI makes a read-only key for one bucket and prefix; rclone and b2sdk
/// read inside that scope and are refused outside it and on writes; a key without deleteFiles hides but cannot delete.
/// </summary>
public sealed class ScopedKeyClientTests(ITestOutputHelper output) : CompatTest(output)
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMinutes(4);

    private B2Session _master = null!;
    private string _dataId = null!;

    protected override Task<CairnServer> StartServerAsync() => CairnServer.StartAsync(inMemory: true);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _master = await B2Session.AuthorizeAsync(Server, 2);
        _dataId = await _master.CreateBucketAsync("scoped-data");
        var otherId = await _master.CreateBucketAsync("other-data");
        foreach (var name in new[] { "reports/q1.txt", "reports/q2.txt", "private/salary.txt" })
        {
            await _master.UploadAsync(_dataId, name, Encoding.UTF8.GetBytes("content of " + name));
        }
        await _master.UploadAsync(otherId, "x.txt", Encoding.UTF8.GetBytes("other"));
    }

    public override async Task DisposeAsync()
    {
        _master?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>The b2 CLI with the account-info file of <paramref name="profile"/>, so each key keeps its own session.</summary>
    private B2CliClient B2Cli(string profile) =>
        new(Server.BaseUrl, Path.Combine(TempDir, "b2-" + profile)) { Timeout = TimeSpan.FromMinutes(3), Log = Output };

    /// <summary>rclone with a remote for this key, keeping rclone's own retries unless a command asks for fewer.</summary>
    private RcloneClient Rclone(string keyId, string key) =>
        new(Server.BaseUrl, keyId, key, NewDirectory("rclone-" + keyId)) { FailFast = false, Timeout = ClientTimeout, Log = Output };

    private async Task<(string Id, string Key)> B2CliCreateKeyAsync(params string[] arguments)
    {
        var login = await B2Cli("master").TryRunAsync("authorize-account", CairnServer.MasterKeyId, CairnServer.MasterKey);
        Assert.Equal(0, login.ExitCode);
        var created = await B2Cli("master").TryRunAsync(["create-key", .. arguments]);
        Assert.Equal(0, created.ExitCode);
        var parts = created.Stdout.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return (parts[0], parts[1]);
    }

    [Fact]
    public async Task B2CliReadOnlyPrefixKey_RcloneAndB2sdkReadInsideOnly()
    {
        var (id, key) = await B2CliCreateKeyAsync("--bucket", "scoped-data", "--namePrefix", "reports/", "reports-reader", "listBuckets,listFiles,readFiles");
        var stored = await _master.CallAsync("b2_list_keys", new { accountId = _master.AccountId });
        var listed = stored.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("applicationKeyId").GetString() == id);
        Assert.Equal(_dataId, listed.GetProperty("bucketId").GetString());
        Assert.Equal("reports/", listed.GetProperty("namePrefix").GetString());

        // rclone: reads inside the scope…
        var rclone = Rclone(id, key);
        var cat = await rclone.TryRunAsync("cat", $"{RcloneClient.Remote}:scoped-data/reports/q1.txt");
        Assert.Equal((0, "content of reports/q1.txt"), (cat.ExitCode, cat.Stdout));
        var ls = await rclone.TryRunAsync("lsf", $"{RcloneClient.Remote}:scoped-data/reports");
        Assert.Equal(0, ls.ExitCode);
        Assert.Equal(["q1.txt", "q2.txt"], ls.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // …and is refused outside it and on writes.
        var quick = new[] { "--retries", "1", "--low-level-retries", "1" };
        var outsidePrefix = await rclone.TryRunAsync([.. quick, "cat", $"{RcloneClient.Remote}:scoped-data/private/salary.txt"]);
        Assert.NotEqual(0, outsidePrefix.ExitCode);
        Assert.DoesNotContain("content of private", outsidePrefix.Stdout, StringComparison.Ordinal);
        var otherBucket = await rclone.TryRunAsync([.. quick, "cat", $"{RcloneClient.Remote}:other-data/x.txt"]);
        Assert.NotEqual(0, otherBucket.ExitCode);
        Assert.DoesNotContain("other", otherBucket.Stdout, StringComparison.Ordinal);
        var local = Path.Combine(TempDir, "new.txt");
        await File.WriteAllTextAsync(local, "sneaky");
        var write = await rclone.TryRunAsync([.. quick, "copyto", local, $"{RcloneClient.Remote}:scoped-data/reports/new.txt"]);
        Assert.NotEqual(0, write.ExitCode);

        // b2sdk: the same key through the library.
        var result = await B2SdkScript.RunAsync("scoped_key", Server.BaseUrl, id, key, "scoped-data", NewDirectory("b2sdk"),
            ClientTimeout, Output);
        Assert.Equal("content of reports/q2.txt", result.GetProperty("read_inside")[1].GetString());
        Assert.Equal(["reports/q1.txt", "reports/q2.txt"], result.GetProperty("list_inside")[1].EnumerateArray().Select(e => e.GetString()));
        foreach (var refused in new[] { "read_outside", "list_outside", "write_inside", "other_bucket" })
        {
            Assert.True(result.GetProperty(refused)[0].GetString() == "refused", $"{refused}: {result.GetProperty(refused)}");
        }

        // Nothing was written.
        var names = await _master.CallAsync("b2_list_file_names", new { bucketId = _dataId });
        Assert.Equal(3, names.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task B2Cli_KeyWithoutDeleteFiles_HidesButCannotDeleteVersions()
    {
        var (id, key) = await B2CliCreateKeyAsync("no-delete", "listBuckets,listFiles,readFiles,writeFiles");
        var login = await B2Cli("nodelete").TryRunAsync("authorize-account", id, key);
        Assert.Equal(0, login.ExitCode);
        var fileId = (await _master.CallAsync("b2_list_file_names", new { bucketId = _dataId, prefix = "reports/q1" })).GetProperty("files")[0].GetProperty("fileId").GetString()!;

        var delete = await B2Cli("nodelete").TryRunAsync("delete-file-version", "reports/q1.txt", fileId);
        Assert.NotEqual(0, delete.ExitCode);
        Assert.Contains("unauthorized", delete.StdoutAndStderr, StringComparison.OrdinalIgnoreCase);

        var hide = await B2Cli("nodelete").TryRunAsync("hide-file", "scoped-data", "reports/q1.txt");
        Assert.Equal(0, hide.ExitCode);
        Assert.Contains("\"action\": \"hide\"", hide.Stdout, StringComparison.Ordinal);

        var versions = await _master.CallAsync("b2_list_file_versions", new { bucketId = _dataId, prefix = "reports/q1" });
        Assert.Equal(["hide", "upload"], versions.GetProperty("files").EnumerateArray().Select(v => v.GetProperty("action").GetString()));
    }
}
