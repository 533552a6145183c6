using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Encryption;
using Cairn.Core.Files;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Core.Limits;
using Cairn.Core.Replication;
using Cairn.Storage.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Core.Tests.Replication;

/// <summary>Two nodes' dispatchers over one metadata store: the lease lets one replicate at a time, and passes on when its holder stops.</summary>
public class ReplicationDispatcherTests
{
    private const string AccountId = "0123456789ab";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly MemoryMetadataStore _store = new();
    private readonly MemoryBlobStore _blobs = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private ReplicationDispatcher NewNode()
    {
        var options = new ObjectServiceOptions();
        var buckets = new BucketService(_store, options, _clock);
        var downloads = new DownloadService(_store, _blobs, buckets, new AuthService(_store, options, _clock, new AuthorizeThrottle(new RateLimitOptions(), _clock)),
            new SseKeyring(new SseMasterKey(new byte[32])), new AccountCaps(new CapOptions(), _store, _clock));
        return new ReplicationDispatcher(_store, downloads, new NoReplicationRemotes(), new ReplicationOptions { LeaseDuration = Lease },
            _clock, NullLogger<ReplicationDispatcher>.Instance);
    }

    [Fact]
    public async Task TwoNodesRacing_ReplicateEachVersionExactlyOnce()
    {
        var (source, destination) = await PairAsync();
        var nodes = new[] { NewNode(), NewNode() };
        var uploads = new List<FileVersion>();
        for (var round = 0; round < 50; round++)
        {
            uploads.Add(await UploadAsync(source, $"f{round}.txt"));
            using var barrier = new Barrier(nodes.Length);
            await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
            {
                barrier.SignalAndWait();
                await node.RunOnceAsync(default);
            })));
        }

        var replicas = await _store.ListFileVersionsAsync(destination.BucketId, "", "", null, 1000, default);
        Assert.Equal(uploads.Count, replicas.Count);
        Assert.All(replicas, r => Assert.Equal(ReplicationStatus.Replica, r.ReplicationStatus));
        foreach (var upload in uploads)
        {
            Assert.Equal(ReplicationStatus.Completed, (await _store.GetFileVersionAsync(upload.FileId, default))!.ReplicationStatus);
        }
        Assert.Empty(await _store.ListDueReplicationsAsync(long.MaxValue, 10, default));
    }

    [Fact]
    public async Task TheLease_PassesToAnotherNode_OnlyOnceItsHolderLetItRunOut()
    {
        var (source, destination) = await PairAsync();
        var (first, second) = (NewNode(), NewNode());
        await UploadAsync(source, "a.txt");
        Assert.Equal(1, await first.RunOnceAsync(default));

        // The first node stops (it crashed) while holding the lease; the second must wait for it to run out.
        var waiting = await UploadAsync(source, "b.txt");
        Assert.Equal(0, await second.RunOnceAsync(default));
        Assert.Equal(ReplicationStatus.Pending, (await _store.GetFileVersionAsync(waiting.FileId, default))!.ReplicationStatus);

        _clock.Advance(Lease);
        Assert.Equal(1, await second.RunOnceAsync(default));
        Assert.Equal(ReplicationStatus.Completed, (await _store.GetFileVersionAsync(waiting.FileId, default))!.ReplicationStatus);
        Assert.Equal(2, (await _store.ListFileVersionsAsync(destination.BucketId, "", "", null, 10, default)).Count);
    }

    private async Task<(Bucket Source, Bucket Destination)> PairAsync()
    {
        await _store.GetOrAddAccountAsync(new Account(AccountId, 0), default);
        await _store.UpsertKeyAsync(Key("source-key", Capabilities.ReadFiles), default);
        await _store.UpsertKeyAsync(Key("destination-key", Capabilities.WriteFiles), default);
        var destination = NewBucket("""{"asReplicationDestination":{"sourceToDestinationKeyMapping":{"source-key":"destination-key"}}}""");
        await _store.InsertBucketAsync(destination, default);
        var source = NewBucket($$$"""{"asReplicationSource":{"sourceApplicationKeyId":"source-key","replicationRules":[{"destinationBucketId":"{{{destination.BucketId}}}","isEnabled":true,"priority":1}]}}""");
        await _store.InsertBucketAsync(source, default);
        return (source, destination);
    }

    private static ApplicationKey Key(string id, string capability) => new()
    {
        ApplicationKeyId = id,
        AccountId = AccountId,
        KeyName = id,
        Capabilities = [capability],
        SecretHash = "unused",
    };

    private static Bucket NewBucket(string replication) => new()
    {
        AccountId = AccountId,
        BucketId = IdGenerator.NewBucketId(),
        BucketName = "replication-" + IdGenerator.RandomHex(8),
        BucketType = BucketTypes.AllPrivate,
        ReplicationConfigurationJson = replication,
    };

    private async Task<FileVersion> UploadAsync(Bucket bucket, string name)
    {
        var blobId = IdGenerator.NewBlobId();
        await using (var writer = await _blobs.CreateAsync(blobId, default))
        {
            await writer.WriteAsync(new byte[] { 1 }, default);
            await writer.CommitAsync(default);
        }
        return await _store.InsertFileVersionAsync(new FileVersion
        {
            FileId = IdGenerator.NewFileId(bucket.BucketId, FileIdKind.Small, _clock.GetUtcNow()),
            AccountId = AccountId,
            BucketId = bucket.BucketId,
            FileName = name,
            Action = FileAction.Upload,
            ContentLength = 1,
            ContentSha1 = EmptyContent.Sha1,
            ContentType = "application/octet-stream",
            UploadTimestamp = _clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Segments = [new BlobSegment(blobId, 0, 1, null)],
            ReplicationStatus = ReplicationStatus.Pending,
        }, default);
    }
}
