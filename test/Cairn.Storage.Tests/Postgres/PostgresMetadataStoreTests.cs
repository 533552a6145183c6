using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Storage;
using Cairn.Storage.Postgres;
using Cairn.Storage.Postgres.Options;
using Cairn.Storage.Tests.Metadata;
using Cairn.Testing;
using Npgsql;

namespace Cairn.Storage.Tests.Postgres;

/// <summary>
/// The contract on PostgreSQL (the server test.sh starts, <c>CAIRN_TEST_POSTGRES</c>), plus what only a shared, persistent
/// store promises: several stores (nodes) on one database. Each test gets a schema of its own.
/// </summary>
public sealed class PostgresMetadataStoreTests : MetadataStoreContract
{
    private readonly string _schema = TestPostgres.NewSchemaName();
    private readonly List<PostgresMetadataStore> _nodes = [];

    protected override async Task<IMetadataStore> CreateStoreAsync() =>
        new PostgresMetadataStore(new PostgresMetadataOptions { ConnectionString = await TestPostgres.CreateSchemaAsync(_schema) });

    public override async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        await base.DisposeAsync();
        await TestPostgres.DropSchemaAsync(_schema);
    }

    /// <summary>Another store on the same schema, as another node would open it; initialized.</summary>
    private async Task<PostgresMetadataStore> OtherNodeAsync()
    {
        var node = new PostgresMetadataStore(new PostgresMetadataOptions { ConnectionString = TestPostgres.ForSchema(_schema) });
        _nodes.Add(node);
        await node.InitializeAsync(Ct);
        return node;
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
    public async Task Initialize_ManyNodesAtOnce_MigrateOnceAndAllWork()
    {
        var schema = TestPostgres.NewSchemaName();
        var connectionString = await TestPostgres.CreateSchemaAsync(schema);
        var nodes = Enumerable.Range(0, 4).Select(_ => new PostgresMetadataStore(new PostgresMetadataOptions { ConnectionString = connectionString })).ToList();
        try
        {
            await Task.WhenAll(nodes.Select(n => Task.Run(() => n.InitializeAsync(Ct))));

            var settings = await Task.WhenAll(nodes.Select((n, i) => n.GetOrAddSettingAsync("node", $"node-{i}", Ct)));
            Assert.Single(settings.Distinct());
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) = count(DISTINCT version) FROM schema_version", connection);
            Assert.True((bool)(await count.ExecuteScalarAsync())!);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
            await TestPostgres.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task InsertBucket_SameNameThroughTwoNodes_ExactlyOneSucceeds()
    {
        var other = await OtherNodeAsync();
        for (var round = 0; round < 20; round++)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var name = $"race-{round}";
            var attempts = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
            {
                await gate.Task;
                var store = i % 2 == 0 ? Store : other;
                try
                {
                    await store.InsertBucketAsync(NewBucket(i % 3 == 0 ? name.ToUpperInvariant() : name), Ct);
                    return (CairnError?)null;
                }
                catch (CairnException e)
                {
                    return e.Error;
                }
            })).ToList();
            gate.SetResult();

            var outcomes = await Task.WhenAll(attempts);
            Assert.Single(outcomes, o => o is null);
            Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(CairnError.DuplicateBucketName, o));
        }
    }

    /// <summary>
    /// Uploads, hide markers and deletes of one name through two nodes at once: afterwards the name's current version is
    /// always its newest remaining upload or hide marker. A store that decided the successor of a deleted current version
    /// without locking the name would leave an older version (or none) current.
    /// </summary>
    [Fact]
    public async Task ConcurrentWritesOfOneName_ThroughTwoNodes_KeepTheCurrentVersionNewest()
    {
        var other = await OtherNodeAsync();
        var bucket = await AddBucketAsync();
        for (var round = 0; round < 25; round++)
        {
            var name = $"n-{round}";
            var existing = new List<FileVersion>();
            for (var i = 0; i < 3; i++)
            {
                existing.Add(await AddUploadAsync(bucket.BucketId, name));
            }
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writes = new List<Task>
            {
                Task.Run(async () => { await gate.Task; await Store.DeleteFileVersionAsync(existing[2].FileId, unfinishedOnly: false, Ct); }),
                Task.Run(async () => { await gate.Task; await other.DeleteFileVersionAsync(existing[1].FileId, unfinishedOnly: false, Ct); }),
                Task.Run(async () => { await gate.Task; await other.InsertFileVersionAsync(NewUpload(bucket.BucketId, name), Ct); }),
                Task.Run(async () => { await gate.Task; await Store.InsertFileVersionAsync(round % 2 == 0 ? NewHide(bucket.BucketId, name) : NewUpload(bucket.BucketId, name), Ct); }),
                Task.Run(async () => { await gate.Task; await other.InsertFileVersionAsync(NewStart(bucket.BucketId, name), Ct); }),
            };
            gate.SetResult();
            await Task.WhenAll(writes);

            var versions = await Store.ListFileVersionsAsync(bucket.BucketId, name, name, null, 100, Ct);
            var newest = versions.First(v => v.Action != FileAction.Start);
            Assert.Equal(newest.FileId, (await other.GetCurrentVersionAsync(bucket.BucketId, name, Ct))?.FileId);
            var listed = await Store.ListCurrentVersionsAsync(bucket.BucketId, name, name, 10, Ct);
            Assert.Equal(newest.Action == FileAction.Upload ? [newest.FileId] : [], Ids(listed.Where(v => v.FileName == name)));
        }
    }

    [Fact]
    public async Task DeleteBucket_RacingUploadsThroughAnotherNode_NeverLeavesAVersionWithoutItsBucket()
    {
        var other = await OtherNodeAsync();
        for (var round = 0; round < 20; round++)
        {
            var bucket = await AddBucketAsync();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var upload = NewUpload(bucket.BucketId, "late");
            var insert = Task.Run(async () =>
            {
                await gate.Task;
                try
                {
                    await other.InsertFileVersionAsync(upload, Ct);
                    return true;
                }
                catch (CairnException e) when (e.Error == CairnError.BucketNotFound)
                {
                    return false;
                }
            });
            var delete = Task.Run(async () => { await gate.Task; return await Store.DeleteBucketAsync(bucket.BucketId, Ct); });
            gate.SetResult();

            var (inserted, deleted) = (await insert, await delete);
            Assert.True(inserted != (deleted == BucketDeleteResult.Deleted), $"round {round}: inserted {inserted}, delete {deleted}");
            Assert.Equal(inserted, await Store.GetFileVersionAsync(upload.FileId, Ct) is not null);
        }
    }

    /// <summary>
    /// A page of a large bucket is one range scan of an index on (bucket, name) joined by primary key, with no sort: its
    /// cost follows the page, not the bucket. The 40,000 rows go in by SQL (the store's own inserts would take long).
    /// </summary>
    [Fact]
    public async Task ListCurrentVersions_LargeBucket_IsOneIndexRangeScan()
    {
        var bucket = await AddBucketAsync();
        await using var connection = new NpgsqlConnection(TestPostgres.ForSchema(_schema));
        await connection.OpenAsync();
        await using (var fill = new NpgsqlCommand(
            "INSERT INTO file_versions (file_id, bucket_id, account_id, file_name, action, content_length, content_sha1, content_type, file_info, upload_timestamp) " +
            "SELECT 'f' || i, @bucket_id, 'a', 'dir-' || (i % 4) || '/file-' || lpad(i::text, 6, '0'), 0, 10, 'x', 'text/plain', '{}', 0 " +
            "FROM generate_series(0, 39999) AS i; " +
            "INSERT INTO current_versions (bucket_id, file_name, seq, is_upload) SELECT bucket_id, file_name, seq, true FROM file_versions; " +
            "ANALYZE", connection))
        {
            fill.Parameters.AddWithValue("bucket_id", bucket.BucketId);
            await fill.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + PostgresMetadataStore.SelectCurrentVersionsBounded, connection);
        explain.Parameters.AddWithValue("bucket_id", bucket.BucketId);
        explain.Parameters.AddWithValue("from", "dir-1/");
        explain.Parameters.AddWithValue("to", "dir-10");
        explain.Parameters.AddWithValue("limit", 1000L);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }
        var text = string.Join(Environment.NewLine, plan);
        Assert.True(text.Contains("Index Scan using current_versions_", StringComparison.Ordinal)
            && !text.Contains("Sort", StringComparison.Ordinal) && !text.Contains("Seq Scan", StringComparison.Ordinal), text);
        var page = await Store.ListCurrentVersionsAsync(bucket.BucketId, "dir-1/", "", 1000, Ct);
        Assert.Equal(1000, page.Count);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"dir-1/file-{4 * i + 1:D6}"), Names(page));
    }
}
