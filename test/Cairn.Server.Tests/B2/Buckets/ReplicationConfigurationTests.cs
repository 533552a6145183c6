using System.Text.Json;
using Cairn.Server.Tests.B2.LargeFiles;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;

namespace Cairn.Server.Tests.B2.Buckets;

/// <summary>
/// Cloud Replication settings as b2sdk's raw API test drives them (test/integration/test_raw_api.py): rules must name a
/// bucket that exists, an emptied configuration reads back as <c>"value": null</c>, and uploads a rule selects carry
/// <c>replicationStatus: pending</c> in every shape a file version is shown.
/// </summary>
public abstract class ReplicationConfigurationTests(LargeFileFixture fixture)
{
    private const string UnknownBucketId = "0123456789abcdef01234567";

    private static object Source(string destinationBucketId, string fileNamePrefix = "", bool isEnabled = true) => new
    {
        asReplicationSource = new
        {
            replicationRules = new[]
            {
                new { destinationBucketId, fileNamePrefix, includeExistingFiles = true, isEnabled, priority = 128, replicationRuleName = "test-rule" },
            },
            sourceApplicationKeyId = "000000000000000000000000a",
        },
        asReplicationDestination = (object?)null,
    };

    private static readonly object Emptied = new { asReplicationSource = (object?)null, asReplicationDestination = (object?)null };

    [Fact]
    public async Task ReplicationRule_ToABucketThatDoesNotExist_Returns400BadRequest()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();

        await ErrorAsync(await session.PostAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, replicationConfiguration = Source(UnknownBucketId) }), 400, "bad_request");
        await ErrorAsync(await session.PostAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, replicationConfiguration = Source("garbage") }), 400, "bad_request");
        var name = NewBucketName();
        await ErrorAsync(await session.PostAsync("b2_create_bucket", new { accountId = session.AccountId, bucketName = name, bucketType = "allPrivate", replicationConfiguration = Source(UnknownBucketId) }), 400, "bad_request");

        var listed = await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId, bucketName = name });
        Assert.Equal(0, listed.GetProperty("buckets").GetArrayLength());
        var unchanged = await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId, bucketId });
        AssertNoReplication(unchanged.GetProperty("buckets")[0]);
    }

    [Fact]
    public async Task ReplicationConfiguration_NeverSetOrEmptied_ReadsBackAsValueNull()
    {
        var session = await fixture.SessionAsync();
        var destination = await session.NewBucketAsync();
        var created = await session.CallAsync("b2_create_bucket", new { accountId = session.AccountId, bucketName = NewBucketName(), bucketType = "allPrivate" });
        AssertNoReplication(created);
        var bucketId = created.GetProperty("bucketId").GetString()!;

        var configured = await session.CallAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, replicationConfiguration = Source(destination) });
        var rule = configured.GetProperty("replicationConfiguration").GetProperty("value").GetProperty("asReplicationSource").GetProperty("replicationRules")[0];
        Assert.Equal(destination, rule.GetProperty("destinationBucketId").GetString());

        var emptied = await session.CallAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, replicationConfiguration = Emptied });
        AssertNoReplication(emptied);
        var listed = await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId, bucketId });
        AssertNoReplication(listed.GetProperty("buckets")[0]);
    }

    [Fact]
    public async Task UploadIntoAReplicationSource_CarriesReplicationStatusPending_Everywhere()
    {
        var session = await fixture.SessionAsync();
        var destination = await session.NewBucketAsync();
        var bucketName = NewBucketName();
        var bucketId = await session.CreateBucketAsync(bucketName);
        await session.CallAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, replicationConfiguration = Source(destination, "docs/") });

        var uploaded = await session.UploadAsync(bucketId, "docs/a.txt", "hello world"u8.ToArray());
        Assert.Equal("pending", uploaded.GetProperty("replicationStatus").GetString());
        var fileId = uploaded.GetProperty("fileId").GetString()!;
        var outside = await session.UploadAsync(bucketId, "other/b.txt", "not selected"u8.ToArray());
        Assert.False(outside.TryGetProperty("replicationStatus", out _));

        var info = await session.CallAsync("b2_get_file_info", new { fileId });
        Assert.Equal("pending", info.GetProperty("replicationStatus").GetString());
        var names = await session.CallAsync("b2_list_file_names", new { bucketId, prefix = "docs/" });
        Assert.Equal("pending", names.GetProperty("files")[0].GetProperty("replicationStatus").GetString());
        var versions = await session.CallAsync("b2_list_file_versions", new { bucketId, prefix = "docs/" });
        Assert.Equal("pending", versions.GetProperty("files")[0].GetProperty("replicationStatus").GetString());
        foreach (var path in new[] { $"b2api/v2/b2_download_file_by_id?fileId={fileId}", $"file/{bucketName}/docs/a.txt" })
        {
            using var download = await session.DownloadAsync(path);
            Assert.Equal("pending", download.Headers.GetValues("X-Bz-Replication-Status").Single());
        }
        using (var notSelected = await session.DownloadAsync($"file/{bucketName}/other/b.txt"))
        {
            Assert.False(notSelected.Headers.Contains("X-Bz-Replication-Status"));
        }

        var copied = await session.CallAsync("b2_copy_file", new { sourceFileId = fileId, fileName = "docs/copy.txt" });
        Assert.Equal("pending", copied.GetProperty("replicationStatus").GetString());
        var large = await session.UploadLargeAsync(bucketId, "docs/big.bin", TwoParts(3));
        Assert.Equal("pending", large.GetProperty("replicationStatus").GetString());

        // Turning replication off leaves what was pending as it was, and new uploads carry no status.
        await session.CallAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, replicationConfiguration = Emptied });
        var after = await session.UploadAsync(bucketId, "docs/after.txt", "later"u8.ToArray());
        Assert.False(after.TryGetProperty("replicationStatus", out _));
        Assert.Equal("pending", (await session.CallAsync("b2_get_file_info", new { fileId })).GetProperty("replicationStatus").GetString());
    }

    [Fact]
    public async Task UploadIntoABucketWithADisabledRule_CarriesNoReplicationStatus()
    {
        var session = await fixture.SessionAsync();
        var destination = await session.NewBucketAsync();
        var bucketId = await session.NewBucketAsync();
        await session.CallAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, replicationConfiguration = Source(destination, isEnabled: false) });

        var uploaded = await session.UploadAsync(bucketId, "a.txt", "x"u8.ToArray());

        Assert.False(uploaded.TryGetProperty("replicationStatus", out _));
    }

    private static void AssertNoReplication(JsonElement bucket)
    {
        var replication = bucket.GetProperty("replicationConfiguration");
        Assert.True(replication.GetProperty("isClientAuthorizedToRead").GetBoolean());
        Assert.Equal(JsonValueKind.Null, replication.GetProperty("value").ValueKind);
        Assert.Equal(["isClientAuthorizedToRead", "value"], replication.EnumerateObject().Select(p => p.Name));
    }
}

public sealed class ReplicationConfigurationMemoryTests(MemoryLargeFileFixture fixture) : ReplicationConfigurationTests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class ReplicationConfigurationDiskTests(DiskLargeFileFixture fixture) : ReplicationConfigurationTests(fixture), IClassFixture<DiskLargeFileFixture>;
