using System.Net;
using System.Text;
using System.Text.Json;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Lock;

/// <summary>Object Lock: retention and legal hold set at upload or later, and deletes refused while they hold, whatever the key.</summary>
public class ObjectLockTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private static long InOneDay => DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds();

    [Fact]
    public async Task Upload_WithRetentionAndLegalHold_IsReportedEverywhere()
    {
        var (session, bucketId) = await LockedBucketAsync();
        var until = InOneDay;
        var version = await UploadAsync(session, bucketId, "kept.txt", ("X-Bz-File-Retention-Mode", "governance"),
            ("X-Bz-File-Retention-Retain-Until-Timestamp", until.ToString()), ("X-Bz-File-Legal-Hold", "on"));
        Assert.Equal("governance", version.GetProperty("fileRetention").GetProperty("value").GetProperty("mode").GetString());
        Assert.Equal(until, version.GetProperty("fileRetention").GetProperty("value").GetProperty("retainUntilTimestamp").GetInt64());
        Assert.Equal("on", version.GetProperty("legalHold").GetProperty("value").GetString());

        var info = await session.CallAsync("b2_get_file_info", new { fileId = Id(version) });
        Assert.Equal("on", info.GetProperty("legalHold").GetProperty("value").GetString());

        using var download = await session.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={Id(version)}");
        Assert.Equal("governance", download.Headers.GetValues("X-Bz-File-Retention-Mode").Single());
        Assert.Equal(until.ToString(), download.Headers.GetValues("X-Bz-File-Retention-Retain-Until-Timestamp").Single());
        Assert.Equal("on", download.Headers.GetValues("X-Bz-File-Legal-Hold").Single());
    }

    [Fact]
    public async Task Delete_UnderLegalHold_Returns403UntilTheHoldIsOff()
    {
        var (session, bucketId) = await LockedBucketAsync();
        var version = await UploadAsync(session, bucketId, "held.txt", ("X-Bz-File-Legal-Hold", "on"));
        await AssertErrorAsync(session, "b2_delete_file_version", new { fileId = Id(version), fileName = "held.txt", bypassGovernance = true }, 403, "access_denied");

        var off = await session.CallAsync("b2_update_file_legal_hold", new { fileId = Id(version), fileName = "held.txt", legalHold = "off" });
        Assert.Equal("off", off.GetProperty("legalHold").GetString());
        await session.CallAsync("b2_delete_file_version", new { fileId = Id(version), fileName = "held.txt" });
    }

    [Fact]
    public async Task Governance_BlocksDeleteAndShortening_UnlessBypassed()
    {
        var (session, bucketId) = await LockedBucketAsync();
        var version = await UploadAsync(session, bucketId, "gov.txt");
        var until = InOneDay;
        await session.CallAsync("b2_update_file_retention", new { fileId = Id(version), fileName = "gov.txt", fileRetention = new { mode = "governance", retainUntilTimestamp = until } });

        await AssertErrorAsync(session, "b2_delete_file_version", new { fileId = Id(version), fileName = "gov.txt" }, 403, "access_denied");
        await AssertErrorAsync(session, "b2_update_file_retention",
            new { fileId = Id(version), fileName = "gov.txt", fileRetention = new { mode = "governance", retainUntilTimestamp = until - 1000 } }, 403, "access_denied");
        var extended = await session.CallAsync("b2_update_file_retention",
            new { fileId = Id(version), fileName = "gov.txt", fileRetention = new { mode = "governance", retainUntilTimestamp = until + 1000 } });
        Assert.Equal(until + 1000, extended.GetProperty("fileRetention").GetProperty("retainUntilTimestamp").GetInt64());

        await session.CallAsync("b2_delete_file_version", new { fileId = Id(version), fileName = "gov.txt", bypassGovernance = true });
    }

    [Fact]
    public async Task Compliance_CannotBeShortenedRemovedOrBypassed()
    {
        var (session, bucketId) = await LockedBucketAsync();
        var until = InOneDay;
        var version = await UploadAsync(session, bucketId, "comp.txt", ("X-Bz-File-Retention-Mode", "compliance"),
            ("X-Bz-File-Retention-Retain-Until-Timestamp", until.ToString()));
        await AssertErrorAsync(session, "b2_delete_file_version", new { fileId = Id(version), fileName = "comp.txt", bypassGovernance = true }, 403, "access_denied");
        await AssertErrorAsync(session, "b2_update_file_retention",
            new { fileId = Id(version), fileName = "comp.txt", fileRetention = new { mode = (string?)null }, bypassGovernance = true }, 403, "access_denied");
        await AssertErrorAsync(session, "b2_update_file_retention",
            new { fileId = Id(version), fileName = "comp.txt", fileRetention = new { mode = "governance", retainUntilTimestamp = until + 5000 }, bypassGovernance = true }, 403, "access_denied");
        await session.CallAsync("b2_update_file_retention",
            new { fileId = Id(version), fileName = "comp.txt", fileRetention = new { mode = "compliance", retainUntilTimestamp = until + 5000 } });
        // Hiding stays allowed.
        await session.CallAsync("b2_hide_file", new { bucketId, fileName = "comp.txt" });
    }

    [Fact]
    public async Task BucketWithoutLock_RefusesRetentionAndLegalHold()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName("nolock"));
        using var upload = await session.SendUploadAsync(bucketId, "a.txt", Encoding.UTF8.GetBytes("x"),
            headers: new Dictionary<string, string> { ["X-Bz-File-Legal-Hold"] = "on" });
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("bucket_missing_file_lock", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var version = await session.UploadAsync(bucketId, "b.txt", Encoding.UTF8.GetBytes("x"));
        await AssertErrorAsync(session, "b2_update_file_legal_hold", new { fileId = Id(version), fileName = "b.txt", legalHold = "on" }, 400, "bucket_missing_file_lock");
    }

    [Fact]
    public async Task DefaultRetention_AppliesToNewUploads_AndLockCannotBeTurnedOff()
    {
        var (session, bucketId) = await LockedBucketAsync();
        var bucket = await session.CallAsync("b2_update_bucket", new
        {
            accountId = session.AccountId,
            bucketId,
            defaultRetention = new { mode = "compliance", period = new { duration = 2, unit = "days" } },
        });
        var config = bucket.GetProperty("fileLockConfiguration").GetProperty("value");
        Assert.True(config.GetProperty("isFileLockEnabled").GetBoolean());
        Assert.Equal("compliance", config.GetProperty("defaultRetention").GetProperty("mode").GetString());
        Assert.Equal(2, config.GetProperty("defaultRetention").GetProperty("period").GetProperty("duration").GetInt32());

        var before = DateTimeOffset.UtcNow.AddDays(2).ToUnixTimeMilliseconds();
        var version = await UploadAsync(session, bucketId, "defaulted.txt");
        var retention = version.GetProperty("fileRetention").GetProperty("value");
        Assert.Equal("compliance", retention.GetProperty("mode").GetString());
        Assert.InRange(retention.GetProperty("retainUntilTimestamp").GetInt64(), before - 5000, before + 60_000);

        await AssertErrorAsync(session, "b2_update_bucket", new { accountId = session.AccountId, bucketId, fileLockEnabled = false }, 400, "file_lock_conflict");
    }

    [Fact]
    public async Task Replication_IsStoredAndReturned_AndBlocksTurningOnLock()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName("repl"));
        var configuration = new
        {
            asReplicationSource = new
            {
                sourceApplicationKeyId = "000123456789ab0000000001",
                replicationRules = new[] { new { replicationRuleName = "to-backup", destinationBucketId = bucketId, fileNamePrefix = "", includeExistingFiles = true, isEnabled = true, priority = 1 } },
            },
            asReplicationDestination = (object?)null,
        };
        var bucket = await session.CallAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, replicationConfiguration = configuration });
        var value = bucket.GetProperty("replicationConfiguration").GetProperty("value");
        Assert.Equal("to-backup", value.GetProperty("asReplicationSource").GetProperty("replicationRules")[0].GetProperty("replicationRuleName").GetString());

        await AssertErrorAsync(session, "b2_update_bucket", new { accountId = session.AccountId, bucketId, fileLockEnabled = true }, 400, "source_replication_conflict");
    }

    private async Task<(B2Session Session, string BucketId)> LockedBucketAsync()
    {
        var session = await fixture.SessionAsync();
        var bucket = await session.CallAsync("b2_create_bucket", new
        {
            accountId = session.AccountId,
            bucketName = ServerFixture.NewBucketName("lock"),
            bucketType = "allPrivate",
            fileLockEnabled = true,
        });
        Assert.True(bucket.GetProperty("fileLockConfiguration").GetProperty("value").GetProperty("isFileLockEnabled").GetBoolean());
        return (session, bucket.GetProperty("bucketId").GetString()!);
    }

    private static async Task<JsonElement> UploadAsync(B2Session session, string bucketId, string name, params (string Name, string Value)[] headers) =>
        await session.UploadAsync(bucketId, name, Encoding.UTF8.GetBytes("locked content"), "text/plain",
            headers.ToDictionary(h => h.Name, h => h.Value));

    private static string Id(JsonElement version) => version.GetProperty("fileId").GetString()!;

    private static async Task AssertErrorAsync(B2Session session, string operation, object body, int status, string code)
    {
        using var response = await session.PostAsync(operation, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{operation}: expected {status}, got {(int)response.StatusCode} {text}");
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }
}
