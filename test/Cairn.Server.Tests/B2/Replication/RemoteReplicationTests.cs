using Cairn.Server.Tests.B2.LargeFiles;
using Cairn.Server.Tests.Support;
using Cairn.Testing;
using static Cairn.Server.Tests.B2.Replication.ReplicationWire;

namespace Cairn.Server.Tests.B2.Replication;

/// <summary>
/// Replication from one Cairn into a bucket of another, through the B2 Native API with the destination key the source
/// Cairn is configured with (<c>Cairn:Replication:Remotes</c>), as it would replicate into Backblaze B2.
/// </summary>
public sealed class RemoteReplicationTests
{
    [Fact]
    public async Task UploadsIntoTheSource_ArriveInTheOtherCairn_AsReplicas_SmallAndLarge()
    {
        await using var target = await CairnServer.StartAsync(inMemory: true, settings: FastSettings());
        using var targetSession = await B2Session.AuthorizeAsync(target, 2);
        var destination = await targetSession.CreateBucketAsync(NewBucketName());
        var (destinationKeyId, destinationKey) = await CreateKeyAsync(targetSession, destination, "writeFiles", "listBuckets", "readBucketReplications");

        var settings = FastSettings();
        settings["Cairn:Replication:Remotes:0:Endpoint"] = target.BaseUrl;
        settings["Cairn:Replication:Remotes:0:ApplicationKeyId"] = destinationKeyId;
        settings["Cairn:Replication:Remotes:0:ApplicationKey"] = destinationKey;
        await using var origin = await CairnServer.StartAsync(inMemory: true, settings: settings);
        using var session = await B2Session.AuthorizeAsync(origin, 2);
        var source = await session.CreateBucketAsync(NewBucketName());
        var (sourceKeyId, _) = await CreateKeyAsync(session, source, "readFiles");
        await MakeDestinationAsync(targetSession, destination, sourceKeyId, destinationKeyId);
        await MakeSourceAsync(session, source, sourceKeyId, Rule(destination, "to-the-other-cairn"));

        var small = TestWire.Bytes("across services");
        var smallId = (await session.UploadAsync(source, "dir/small.txt", small, "text/plain", new Dictionary<string, string> { ["X-Bz-Info-color"] = "red" }))
            .GetProperty("fileId").GetString()!;
        byte[][] parts = [LargeFileWire.Bytes(1500, 3), LargeFileWire.Bytes(800, 4)];
        var largeId = (await session.UploadLargeAsync(source, "dir/large.bin", parts)).GetProperty("fileId").GetString()!;

        await WaitForStatusAsync(session, smallId, "completed");
        await WaitForStatusAsync(session, largeId, "completed");

        var replicas = await VersionsAsync(targetSession, destination);
        var smallReplica = Assert.Single(replicas, v => v.GetProperty("fileName").GetString() == "dir/small.txt");
        Assert.Equal("replica", smallReplica.GetProperty("replicationStatus").GetString());
        Assert.Equal("text/plain", smallReplica.GetProperty("contentType").GetString());
        Assert.Equal("red", smallReplica.GetProperty("fileInfo").GetProperty("color").GetString());
        Assert.Equal(small, await DownloadAsync(targetSession, smallReplica.GetProperty("fileId").GetString()!, "replica"));
        var largeReplica = Assert.Single(replicas, v => v.GetProperty("fileName").GetString() == "dir/large.bin");
        Assert.Equal("replica", largeReplica.GetProperty("replicationStatus").GetString());
        byte[] whole = [.. parts[0], .. parts[1]];
        Assert.Equal(whole, await DownloadAsync(targetSession, largeReplica.GetProperty("fileId").GetString()!, "replica"));
        Assert.Equal(2, replicas.Count);
    }

    [Fact]
    public async Task ARuleNamingABucketNoRemoteHas_IsRefused()
    {
        await using var target = await CairnServer.StartAsync(inMemory: true);
        using var targetSession = await B2Session.AuthorizeAsync(target, 2);
        var (keyId, key) = await CreateKeyAsync(targetSession, await targetSession.CreateBucketAsync(NewBucketName()), "writeFiles", "listBuckets");
        var settings = FastSettings();
        settings["Cairn:Replication:Remotes:0:Endpoint"] = target.BaseUrl;
        settings["Cairn:Replication:Remotes:0:ApplicationKeyId"] = keyId;
        settings["Cairn:Replication:Remotes:0:ApplicationKey"] = key;
        await using var origin = await CairnServer.StartAsync(inMemory: true, settings: settings);
        using var session = await B2Session.AuthorizeAsync(origin, 2);
        var source = await session.CreateBucketAsync(NewBucketName());
        var elsewhere = await targetSession.CreateBucketAsync(NewBucketName()); // the remote key is restricted to another bucket

        var refused = await session.PostAsync("b2_update_bucket", new
        {
            accountId = session.AccountId,
            bucketId = source,
            replicationConfiguration = new { asReplicationSource = new { sourceApplicationKeyId = "k", replicationRules = new[] { Rule(elsewhere, "r") } } },
        });

        Assert.Equal(400, (int)refused.StatusCode);
    }
}
