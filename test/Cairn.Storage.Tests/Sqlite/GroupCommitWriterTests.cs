using Cairn.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cairn.Storage.Tests.Sqlite;

/// <summary>The group-commit loop on its own: how one batch's writes succeed and fail independently.</summary>
public sealed class GroupCommitWriterTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cairn-sqlite-tests", Guid.NewGuid().ToString("N"));
    private SqliteSession _session = null!;
    private GroupCommitWriter _writer = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "w.db"), Pooling = false }.ToString();
        _session = SqliteSession.Open(connectionString, TimeSpan.FromSeconds(5), memoryMapBytes: 0);
        _session.Execute("CREATE TABLE t (v TEXT NOT NULL UNIQUE)");
        _writer = new GroupCommitWriter(_session, 256, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        _session.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Batch_OneWriteFails_OthersCommit()
    {
        var (blocker, release) = await BlockWriterAsync();
        var first = Insert("a");
        var duplicate = Insert("a");
        var third = Insert("c");
        release();

        await Task.WhenAll(blocker, first, third);
        await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        Assert.Equal(2, _writer.Commits); // the blocker's, then one for all three
        Assert.Equal(["a", "blocker", "c"], await ValuesAsync());
    }

    [Fact]
    public async Task Batch_WriteEndsTransaction_EarlierWritesFailAndLaterOnesCommit()
    {
        var (blocker, release) = await BlockWriterAsync();
        var before = Insert("before");
        var killer = _writer.WriteAsync<int>(s =>
        {
            // What SQLite does by itself after an I/O error or a full disk: the whole transaction is gone.
            s.Execute("ROLLBACK");
            throw new IOException("disk full");
        }, CancellationToken.None);
        var after = Insert("after");
        release();

        await blocker;
        var lost = await Assert.ThrowsAsync<IOException>(() => before);
        Assert.Contains("not committed", lost.Message);
        Assert.Equal("disk full", (await Assert.ThrowsAsync<IOException>(() => killer)).Message);
        await after;
        Assert.Equal(["after", "blocker"], await ValuesAsync());
    }

    [Fact]
    public async Task Write_CanceledWhileQueued_IsSkipped()
    {
        var (blocker, release) = await BlockWriterAsync();
        using var cancel = new CancellationTokenSource();
        var canceled = _writer.WriteAsync(s => s.Command("INSERT INTO t (v) VALUES ('x')").ExecuteNonQuery(), cancel.Token);
        await cancel.CancelAsync();
        release();

        await blocker;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        Assert.Equal(["blocker"], await ValuesAsync());
    }

    [Fact]
    public async Task Dispose_QueuedWrites_AreCommittedFirst()
    {
        var (blocker, release) = await BlockWriterAsync();
        var queued = Enumerable.Range(0, 10).Select(i => Insert($"q{i}")).ToList();
        release();

        await _writer.DisposeAsync();

        await Task.WhenAll(queued.Append(blocker));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Insert("late"));
        Assert.Equal(11, _session.Command("SELECT count(*) FROM t").ExecuteScalar() is long n ? n : -1);
    }

    private Task<int> Insert(string value) =>
        _writer.WriteAsync(s => s.Command("INSERT INTO t (v) VALUES ($v)").With("$v", value).ExecuteNonQuery(), CancellationToken.None);

    /// <summary>Holds the loop inside a write until released, so that the writes queued meanwhile form one batch.</summary>
    private async Task<(Task Blocker, Action Release)> BlockWriterAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new SemaphoreSlim(0);
        var blocker = _writer.WriteAsync(s =>
        {
            started.SetResult();
            gate.Wait(TimeSpan.FromSeconds(10));
            gate.Dispose();
            return s.Command("INSERT INTO t (v) VALUES ('blocker')").ExecuteNonQuery();
        }, CancellationToken.None);
        await started.Task;
        return (blocker, () => gate.Release());
    }

    private async Task<List<string>> ValuesAsync()
    {
        // Read through the writer so the query runs on the loop's connection, after every queued write.
        return await _writer.WriteAsync(s => s.Command("SELECT v FROM t ORDER BY v").ReadAll(r => r.GetString(0)), CancellationToken.None);
    }
}
