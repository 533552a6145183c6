using Cairn.Core.Ids;
using Cairn.Testing;

namespace Cairn.Server.Tests.Hosting;

/// <summary>
/// With metadata in PostgreSQL the data directory holds only blobs and several nodes share it: a second server starts
/// on it, and neither takes the other's recent writes for a crash's leftovers. Needs <c>CAIRN_TEST_POSTGRES</c>.
/// </summary>
public sealed class SharedDataDirectoryTests : IDisposable
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "cairn-shared-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TwoServersOnOneDirectory_BothServe_AndOneSweepsOnlyOldOrphans()
    {
        Directory.CreateDirectory(_dataPath);
        var old = PlantBlob(DateTime.UtcNow.AddHours(-2));
        var recent = PlantBlob(DateTime.UtcNow);
        var recentTemporary = Path.Combine(_dataPath, "tmp", "upload-in-flight");
        Directory.CreateDirectory(Path.GetDirectoryName(recentTemporary)!);
        await File.WriteAllTextAsync(recentTemporary, "x");

        await using var first = await CairnServer.StartAsync(dataPath: _dataPath, postgres: true);
        await WaitForAsync(first, "Orphan sweep removed 1 blobs");
        await using var second = await CairnServer.StartAsync(dataPath: _dataPath, postgres: true);
        await WaitForAsync(second, "Orphan sweep skipped: another node holds its lease");

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(recentTemporary));
        using var onFirst = await B2Session.AuthorizeAsync(first);
        using var onSecond = await B2Session.AuthorizeAsync(second);
        var bucketId = await onFirst.CreateBucketAsync($"shared-{Guid.NewGuid():N}"[..30]);
        await onSecond.UploadAsync(bucketId, "from-second", "hello"u8.ToArray());
        var names = await onFirst.CallAsync("b2_list_file_names", new { bucketId });
        Assert.Equal("from-second", Assert.Single(names.GetProperty("files").EnumerateArray()).GetProperty("fileName").GetString());
    }

    private string PlantBlob(DateTime lastWrite)
    {
        var id = IdGenerator.NewBlobId();
        var path = Path.Combine(_dataPath, "blobs", id[..2], id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "orphan");
        File.SetLastWriteTimeUtc(path, lastWrite);
        return path;
    }

    private static async Task WaitForAsync(CairnServer server, string text)
    {
        for (var i = 0; i < 300 && !server.Logs.Any(line => line.Contains(text, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(server.Logs.Any(line => line.Contains(text, StringComparison.Ordinal)),
            $"'{text}' not logged within 15 s. Logs:{Environment.NewLine}{string.Join(Environment.NewLine, server.Logs)}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }
}
