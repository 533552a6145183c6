using Cairn.Server.Tests.B2.LargeFiles;
using Cairn.Server.Tests.Support;
using Cairn.Testing;
using static Cairn.Server.Tests.B2.Replication.ReplicationWire;

namespace Cairn.Server.Tests.B2.Replication;

/// <summary>
/// Cloud Replication carried out within one Cairn, as B2 documents it: new uploads a rule selects start
/// <c>pending</c> and become <c>completed</c> once a replica (status <c>replica</c>) is in the destination bucket;
/// existing files follow with <c>includeExistingFiles</c>; large files replicate; hide markers and deletions do not;
/// priorities pick one rule per destination; the destination's events say <c>Replica</c>.
/// </summary>
public sealed class CloudReplicationTests(ReplicationServerFixture fixture) : IClassFixture<ReplicationServerFixture>
{
    private B2Session Session => fixture.Session;

    /// <summary>A destination bucket, a source bucket, and the keys that connect them (as B2's replication guide sets up).</summary>
    private async Task<(string Source, string Destination, string SourceKeyId)> PairAsync()
    {
        var destination = await Session.CreateBucketAsync(NewBucketName());
        var source = await Session.CreateBucketAsync(NewBucketName());
        var (sourceKeyId, _) = await CreateKeyAsync(Session, source, "readFiles", "listBuckets");
        var (destinationKeyId, _) = await CreateKeyAsync(Session, destination, "writeFiles", "listBuckets");
        await MakeDestinationAsync(Session, destination, sourceKeyId, destinationKeyId);
        return (source, destination, sourceKeyId);
    }

    [Fact]
    public async Task Upload_GoesFromPendingToCompleted_AndItsReplicaShowsReplica()
    {
        var (source, destination, sourceKey) = await PairAsync();
        await MakeSourceAsync(Session, source, sourceKey, Rule(destination, "docs-only", prefix: "docs/"));

        var content = TestWire.Bytes("replicate me");
        var uploaded = await Session.UploadAsync(source, "docs/a.txt", content, "text/plain", new Dictionary<string, string> { ["X-Bz-Info-color"] = "blue" });
        Assert.Equal("pending", uploaded.GetProperty("replicationStatus").GetString());
        var outside = await Session.UploadAsync(source, "other/b.txt", TestWire.Bytes("stays here"));
        var fileId = uploaded.GetProperty("fileId").GetString()!;

        await WaitForStatusAsync(Session, fileId, "completed");

        var names = await Session.CallAsync("b2_list_file_names", new { bucketId = source, prefix = "docs/" });
        Assert.Equal("completed", names.GetProperty("files")[0].GetProperty("replicationStatus").GetString());
        Assert.Equal(content, await DownloadAsync(Session, fileId, "completed"));
        Assert.False(outside.TryGetProperty("replicationStatus", out _));

        var replica = Assert.Single(await VersionsAsync(Session, destination));
        Assert.Equal("docs/a.txt", replica.GetProperty("fileName").GetString());
        Assert.Equal("replica", replica.GetProperty("replicationStatus").GetString());
        Assert.NotEqual(fileId, replica.GetProperty("fileId").GetString());
        Assert.Equal(TestWire.Sha1Hex(content), replica.GetProperty("contentSha1").GetString());
        Assert.Equal("text/plain", replica.GetProperty("contentType").GetString());
        Assert.Equal("blue", replica.GetProperty("fileInfo").GetProperty("color").GetString());
        Assert.Equal(uploaded.GetProperty("uploadTimestamp").GetInt64(), replica.GetProperty("uploadTimestamp").GetInt64());
        Assert.Equal(content, await DownloadAsync(Session, replica.GetProperty("fileId").GetString()!, "replica"));
    }

    [Fact]
    public async Task LargeFileAndCopy_Replicate_AndTheDestinationsEventsAreReplicaEvents()
    {
        var (source, destination, sourceKey) = await PairAsync();
        await MakeSourceAsync(Session, source, sourceKey, Rule(destination, "all"));
        await using var receiver = await WebhookReceiver.StartAsync();
        await Session.CallAsync("b2_set_bucket_notification_rules", new
        {
            bucketId = destination,
            eventNotificationRules = new[]
            {
                new { name = "created", eventTypes = new[] { "b2:ObjectCreated:*" }, isEnabled = true, objectNamePrefix = "",
                    targetConfiguration = new { targetType = "webhook", url = receiver.Url } },
            },
        });
        byte[][] parts = [LargeFileWire.Bytes(1500, 1), LargeFileWire.Bytes(700, 2)];

        var large = await Session.UploadLargeAsync(source, "big.bin", parts);
        var small = await Session.UploadAsync(source, "small.txt", TestWire.Bytes("small"));
        await WaitForStatusAsync(Session, large.GetProperty("fileId").GetString()!, "completed");
        await WaitForStatusAsync(Session, small.GetProperty("fileId").GetString()!, "completed");

        var replicas = await VersionsAsync(Session, destination);
        var bigReplica = Assert.Single(replicas, v => v.GetProperty("fileName").GetString() == "big.bin");
        Assert.Equal(2200, bigReplica.GetProperty("contentLength").GetInt64());
        byte[] whole = [.. parts[0], .. parts[1]];
        Assert.Equal(whole, await DownloadAsync(Session, bigReplica.GetProperty("fileId").GetString()!, "replica"));
        var received = await receiver.WaitForAsync(r => r.Sum(x => x.Events.Count) >= 2, Bound);
        var types = received.SelectMany(r => r.Events).ToDictionary(e => e.GetProperty("objectName").GetString()!, e => e.GetProperty("eventType").GetString());
        Assert.Equal("b2:ObjectCreated:MultipartReplica", types["big.bin"]);
        Assert.Equal("b2:ObjectCreated:Replica", types["small.txt"]);
    }

    [Fact]
    public async Task IncludeExistingFiles_BackfillsWhatTheBucketHeld_OnlyUnderTheRulesPrefix()
    {
        var (source, destination, sourceKey) = await PairAsync();
        var before = await Session.UploadAsync(source, "logs/old.txt", TestWire.Bytes("old"));
        var outside = await Session.UploadAsync(source, "tmp/skip.txt", TestWire.Bytes("skip"));
        Assert.False(before.TryGetProperty("replicationStatus", out _));

        await MakeSourceAsync(Session, source, sourceKey, Rule(destination, "backfill", prefix: "logs/", includeExistingFiles: true));

        await WaitForStatusAsync(Session, before.GetProperty("fileId").GetString()!, "completed");
        var replica = Assert.Single(await VersionsAsync(Session, destination));
        Assert.Equal("logs/old.txt", replica.GetProperty("fileName").GetString());
        var skipped = await Session.CallAsync("b2_get_file_info", new { fileId = outside.GetProperty("fileId").GetString() });
        Assert.False(skipped.TryGetProperty("replicationStatus", out _));
    }

    [Fact]
    public async Task WithoutIncludeExistingFiles_OnlyNewUploadsReplicate()
    {
        var (source, destination, sourceKey) = await PairAsync();
        var before = await Session.UploadAsync(source, "old.txt", TestWire.Bytes("old"));

        await MakeSourceAsync(Session, source, sourceKey, Rule(destination, "new-only"));
        var after = await Session.UploadAsync(source, "new.txt", TestWire.Bytes("new"));

        await WaitForStatusAsync(Session, after.GetProperty("fileId").GetString()!, "completed");
        Assert.Equal(["new.txt"], (await VersionsAsync(Session, destination)).Select(v => v.GetProperty("fileName").GetString()));
        var old = await Session.CallAsync("b2_get_file_info", new { fileId = before.GetProperty("fileId").GetString() });
        Assert.False(old.TryGetProperty("replicationStatus", out _));
    }

    [Fact]
    public async Task HideMarkersAndDeletions_AreNotReplicated()
    {
        var (source, destination, sourceKey) = await PairAsync();
        await MakeSourceAsync(Session, source, sourceKey, Rule(destination, "all"));
        var uploaded = await Session.UploadAsync(source, "keep.txt", TestWire.Bytes("keep"));
        var fileId = uploaded.GetProperty("fileId").GetString()!;
        await WaitForStatusAsync(Session, fileId, "completed");

        var hide = await Session.CallAsync("b2_hide_file", new { bucketId = source, fileName = "keep.txt" });
        Assert.False(hide.TryGetProperty("replicationStatus", out _));
        await Session.CallAsync("b2_delete_file_version", new { fileId, fileName = "keep.txt" });
        // A later upload's replica proves the worker ran after the hide and the delete.
        var marker = await Session.UploadAsync(source, "later.txt", TestWire.Bytes("later"));
        await WaitForStatusAsync(Session, marker.GetProperty("fileId").GetString()!, "completed");

        var versions = await VersionsAsync(Session, destination);
        Assert.Equal(["keep.txt", "later.txt"], versions.Select(v => v.GetProperty("fileName").GetString()));
        Assert.All(versions, v => Assert.Equal("upload", v.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task OverlappingRules_ToOneDestination_WriteOneReplica_AndEachDestinationGetsOne()
    {
        var (source, destination, sourceKey) = await PairAsync();
        var second = await Session.CreateBucketAsync(NewBucketName());
        var (secondKey, _) = await CreateKeyAsync(Session, second, "writeFiles");
        await MakeDestinationAsync(Session, second, sourceKey, secondKey);
        await MakeSourceAsync(Session, source, sourceKey,
            Rule(destination, "everything", priority: 1),
            Rule(destination, "docs", prefix: "docs/", priority: 200),
            Rule(second, "docs-elsewhere", prefix: "docs/", priority: 5));

        var uploaded = await Session.UploadAsync(source, "docs/a.txt", TestWire.Bytes("a"));
        await WaitForStatusAsync(Session, uploaded.GetProperty("fileId").GetString()!, "completed");

        Assert.Single(await VersionsAsync(Session, destination));
        Assert.Single(await VersionsAsync(Session, second));
    }

    [Fact]
    public async Task DestinationWithoutAKeyMappingForTheSourceKey_EndsFailed()
    {
        var destination = await Session.CreateBucketAsync(NewBucketName());
        var source = await Session.CreateBucketAsync(NewBucketName());
        var (sourceKey, _) = await CreateKeyAsync(Session, source, "readFiles");
        await MakeSourceAsync(Session, source, sourceKey, Rule(destination, "unmapped"));

        var uploaded = await Session.UploadAsync(source, "a.txt", TestWire.Bytes("a"));

        await WaitForStatusAsync(Session, uploaded.GetProperty("fileId").GetString()!, "failed");
        Assert.Empty(await VersionsAsync(Session, destination));
    }

    [Fact]
    public async Task PendingWork_SurvivesARestart_WithReplicationOffUntilThen()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "cairn-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var off = FastSettings();
            off["Cairn:Replication:PollInterval"] = "00:00:00";
            string fileId, destination;
            await using (var server = await CairnServer.StartAsync(dataPath: dataPath, settings: off))
            {
                using var session = await B2Session.AuthorizeAsync(server, 2);
                destination = await session.CreateBucketAsync(NewBucketName());
                var source = await session.CreateBucketAsync(NewBucketName());
                var (sourceKey, _) = await CreateKeyAsync(session, source, "readFiles");
                var (destinationKey, _) = await CreateKeyAsync(session, destination, "writeFiles");
                await MakeDestinationAsync(session, destination, sourceKey, destinationKey);
                await MakeSourceAsync(session, source, sourceKey, Rule(destination, "all"));
                fileId = (await session.UploadAsync(source, "a.txt", TestWire.Bytes("survives"))).GetProperty("fileId").GetString()!;
                Assert.Equal("pending", (await session.CallAsync("b2_get_file_info", new { fileId })).GetProperty("replicationStatus").GetString());
            }
            await using (var server = await CairnServer.StartAsync(dataPath: dataPath, settings: FastSettings()))
            {
                using var session = await B2Session.AuthorizeAsync(server, 2);
                await WaitForStatusAsync(session, fileId, "completed");
                Assert.Equal("replica", Assert.Single(await VersionsAsync(session, destination)).GetProperty("replicationStatus").GetString());
            }
        }
        finally
        {
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }
        }
    }
}
