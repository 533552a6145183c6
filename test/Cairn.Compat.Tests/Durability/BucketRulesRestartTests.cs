using System.Text;
using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Compat.Tests.Durability;

/// <summary>
/// Bucket rules live in the metadata store: after a SIGKILL and a restart, lock settings, retention and legal holds
/// still refuse deletes, lifecycle and CORS rules are still set, and the lifecycle lease taken before the crash is
/// still held (by the dead node, until it expires), so a second node does not run the same pass twice.
/// </summary>
public sealed class BucketRulesRestartTests : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "cairn-rules-restart-" + Guid.NewGuid().ToString("N"));
    private readonly List<CairnProcess> _processes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task LockSettingsRulesAndLeases_SurviveSigkill()
    {
        // A long lifecycle interval: the first process takes the lease for an hour on its first pass.
        var settings = new Dictionary<string, string> { ["CAIRN_Cairn__LifecycleInterval"] = "01:00:00" };
        var first = await StartAsync(settings);
        string bucketId, fileId;
        var until = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds();
        using (var session = await B2Session.AuthorizeAsync(first))
        {
            var bucket = await session.CallAsync("b2_create_bucket", new
            {
                accountId = session.AccountId,
                bucketName = "rules-" + Guid.NewGuid().ToString("N")[..12],
                bucketType = "allPrivate",
                fileLockEnabled = true,
                lifecycleRules = new[] { new { fileNamePrefix = "logs/", daysFromHidingToDeleting = 3, daysFromUploadingToHiding = 30 } },
                corsRules = new[] { new { corsRuleName = "fromTheApp", allowedOrigins = new[] { "https://app.example.com" }, allowedOperations = new[] { "b2_download_file_by_name" }, maxAgeSeconds = 60 } },
            });
            bucketId = bucket.GetProperty("bucketId").GetString()!;
            await session.CallAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, defaultRetention = new { mode = "governance", period = new { duration = 1, unit = "days" } } });
            var version = await session.UploadAsync(bucketId, "logs/held.log", Encoding.UTF8.GetBytes("held"), "text/plain",
                new Dictionary<string, string> { ["X-Bz-File-Legal-Hold"] = "on", ["X-Bz-File-Retention-Mode"] = "compliance", ["X-Bz-File-Retention-Retain-Until-Timestamp"] = until.ToString() });
            fileId = version.GetProperty("fileId").GetString()!;
        }
        Assert.True(await first.WaitForOutputAsync("Lifecycle pass", TimeSpan.FromSeconds(20)), "the first process never ran its lifecycle pass:\n" + first.Output);
        first.Kill();

        var second = await StartAsync(settings);
        using var after = await B2Session.AuthorizeAsync(second);
        var buckets = await after.CallAsync("b2_list_buckets", new { accountId = after.AccountId, bucketId });
        var restored = buckets.GetProperty("buckets")[0];
        var lockValue = restored.GetProperty("fileLockConfiguration").GetProperty("value");
        Assert.True(lockValue.GetProperty("isFileLockEnabled").GetBoolean());
        Assert.Equal("governance", lockValue.GetProperty("defaultRetention").GetProperty("mode").GetString());
        Assert.Equal(3, restored.GetProperty("lifecycleRules")[0].GetProperty("daysFromHidingToDeleting").GetInt32());
        Assert.Equal("fromTheApp", restored.GetProperty("corsRules")[0].GetProperty("corsRuleName").GetString());

        var info = await after.CallAsync("b2_get_file_info", new { fileId });
        Assert.Equal("on", info.GetProperty("legalHold").GetProperty("value").GetString());
        Assert.Equal(until, info.GetProperty("fileRetention").GetProperty("value").GetProperty("retainUntilTimestamp").GetInt64());
        using var delete = await after.PostAsync("b2_delete_file_version", new { fileId, fileName = "logs/held.log", bypassGovernance = true });
        Assert.Equal(403, (int)delete.StatusCode);
        Assert.Equal("access_denied", JsonDocument.Parse(await delete.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());

        // The lease the killed process took is still held: the restarted node skips its first pass instead of running it.
        Assert.True(await second.WaitForOutputAsync("another node holds the lease", TimeSpan.FromSeconds(20)),
            "the restarted process ran a lifecycle pass while the dead node's lease was still held:\n" + second.Output);
    }

    private async Task<CairnProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var process = await CairnProcess.StartAsync(_dataPath, environment: environment);
        _processes.Add(process);
        return process;
    }
}
