using Cairn.Core.Storage;
using Cairn.Storage.Sqlite;
using Cairn.Storage.Sqlite.Options;
using Cairn.Storage.Tests.Metadata;
using Microsoft.Data.Sqlite;

namespace Cairn.Storage.Tests.Sqlite;

/// <summary>The contract on SQLite, plus what only a persistent store promises. Each test gets its own directory.</summary>
public sealed class SqliteMetadataStoreTests : MetadataStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cairn-sqlite-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "metadata.db");

    protected override Task<IMetadataStore> CreateStoreAsync() =>
        Task.FromResult<IMetadataStore>(new SqliteMetadataStore(new SqliteMetadataOptions { DatabasePath = DatabasePath }));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Reopen_AfterDispose_KeepsEveryChange()
    {
        var bucket = await AddBucketAsync("durable");
        var upload = await AddUploadAsync(bucket.BucketId, "a");
        var hide = await AddHideAsync(bucket.BucketId, "b");
        var start = await AddStartAsync(bucket.BucketId, "c");
        var part = NewPart(start.FileId, 1);
        await Store.UpsertPartAsync(part, Ct);
        await Store.GetOrAddSettingAsync("s", "v", Ct);

        await ReopenStoreAsync();

        AssertSameBucket(bucket, await Store.GetBucketByNameAsync("DURABLE", Ct));
        AssertSameListed(upload, Assert.Single(await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 10, Ct)));
        AssertSameVersion(hide, await Store.GetCurrentVersionAsync(bucket.BucketId, "b", Ct));
        AssertSameVersion(start, Assert.Single(await Store.ListUnfinishedLargeFilesAsync(bucket.BucketId, "", null, 10, Ct)));
        Assert.Equal(part, Assert.Single(await Store.ListPartsAsync(start.FileId, 1, 10, Ct)));
        Assert.Equal("v", await Store.GetOrAddSettingAsync("s", "other", Ct));
    }

    [Fact]
    public async Task Reopen_KeepsNotificationRulesAndQueuedEvents()
    {
        var bucket = await AddBucketAsync();
        await Store.SetNotificationRulesAsync(bucket.BucketId, [NewRule("durable-rule")], Ct);
        var queued = NewEvent(bucket.BucketId, "durable-rule");
        await Store.EnqueueNotificationEventsAsync([queued], Ct);

        await ReopenStoreAsync();

        Assert.Equal("durable-rule", Assert.Single(await Store.GetNotificationRulesAsync(bucket.BucketId, Ct)).Name);
        Assert.Equal(queued, Assert.Single(await Store.ListDueNotificationEventsAsync(long.MaxValue, 10, Ct)));
    }

    [Fact]
    public async Task Dispose_WithQueuedWrites_CommitsThemAllFirst()
    {
        var bucket = await AddBucketAsync();
        var versions = Enumerable.Range(0, 100).Select(i => NewUpload(bucket.BucketId, $"f-{i:D3}")).ToList();
        var writes = versions.Select(v => Store.InsertFileVersionAsync(v, Ct)).ToList();

        await ReopenStoreAsync();

        await Task.WhenAll(writes);
        Assert.Equal(versions.Select(v => v.FileId), Ids(await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 1000, Ct)));
    }

    [Fact]
    public async Task ReadAndWrite_AfterDispose_ThrowObjectDisposed()
    {
        var store = new SqliteMetadataStore(new SqliteMetadataOptions { DatabasePath = Path.Combine(_directory, "other.db") });
        await store.InitializeAsync(Ct);
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetOrAddSettingAsync("a", "b", Ct));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.DeleteKeyAsync("k", Ct));
    }

    [Fact]
    public async Task ConcurrentWrites_ShareCommits()
    {
        var bucket = await AddBucketAsync();
        var store = (SqliteMetadataStore)Store;
        var before = store.CommittedWriteTransactions;

        // Queued faster than one fsync takes, so the writer finds many waiting each time it commits.
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Store.InsertFileVersionAsync(NewUpload(bucket.BucketId, $"f-{i}"), Ct)));

        var commits = store.CommittedWriteTransactions - before;
        Assert.InRange(commits, 1, 100);
        Assert.Equal(200, (await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 1000, Ct)).Count);
    }

    [Fact]
    public async Task Reads_MoreAtOnceThanMaxReaders_WaitForAConnectionAndAllAnswer()
    {
        await using var store = new SqliteMetadataStore(new SqliteMetadataOptions { DatabasePath = Path.Combine(_directory, "two-readers.db"), MaxReaders = 2 });
        await store.InitializeAsync(Ct);
        await store.InsertBucketAsync(NewBucket("shared"), Ct);
        using var start = new ManualResetEventSlim();

        // Reads run on the caller's thread, so 64 pool threads reading at once contend for the two connections.
        var reads = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            start.Wait(Ct);
            var found = 0;
            for (var i = 0; i < 50; i++)
            {
                found += (await store.GetBucketByNameAsync("shared", Ct))?.BucketName == "shared" ? 1 : 0;
            }
            return found;
        })).ToArray();
        start.Set();

        Assert.All(await Task.WhenAll(reads), found => Assert.Equal(50, found));
        Assert.InRange(store.OpenReadSessions, 1, 2);
    }

    [Fact]
    public async Task Write_CanceledBeforeItRuns_ChangesNothing()
    {
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.InsertBucketAsync(NewBucket("canceled"), canceled.Token));

        Assert.Null(await Store.GetBucketByNameAsync("canceled", Ct));
    }

    [Fact]
    public async Task Initialize_ExistingDatabase_AppliesMigrationsOnceInWalMode()
    {
        await ReopenStoreAsync();

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(version) FROM schema_version";
        Assert.Equal(string.Join(",", Cairn.Storage.Sqlite.Internal.SchemaMigrator.Migrations.Select(m => m.Version)), await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Initialize_SchemaNewerThanThisVersion_Refuses()
    {
        await Store.DisposeAsync();
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES (999, '999_future', 0)";
            await command.ExecuteNonQueryAsync();
        }
        await using var store = new SqliteMetadataStore(new SqliteMetadataOptions { DatabasePath = DatabasePath });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(Ct));

        Assert.Contains("999", error.Message);
    }

    [Fact]
    public async Task Dispose_NeverInitialized_DoesNothing()
    {
        var store = new SqliteMetadataStore(new SqliteMetadataOptions { DatabasePath = Path.Combine(_directory, "unused.db") });

        await store.DisposeAsync();

        Assert.False(File.Exists(Path.Combine(_directory, "unused.db")));
    }

    [Theory]
    [InlineData("")]
    [InlineData(":memory:")]
    [InlineData("file:metadata.db?mode=memory")]
    public void Constructor_NoDatabaseFile_Throws(string path)
    {
        Assert.Throws<ArgumentException>(() => new SqliteMetadataStore(new SqliteMetadataOptions { DatabasePath = path }));
    }
}
