using System.Text;
using Cairn.Core.Storage;
using Cairn.Storage.Postgres;
using Cairn.Testing;

namespace Cairn.Server.Tests.Hosting;

/// <summary>
/// <c>--postgres</c> puts the metadata in PostgreSQL (the server test.sh starts) while <c>--data</c> keeps the blobs:
/// two servers on one database and one data directory serve the same account, buckets and files.
/// </summary>
public class PostgresConfigurationTests
{
    [Fact]
    public async Task PostgresSwitch_TwoServersOnOneDatabaseAndDataDirectory_ServeTheSameFiles()
    {
        var schema = TestPostgres.NewSchemaName();
        var connectionString = await TestPostgres.CreateSchemaAsync(schema);
        var data = Path.Combine(Path.GetTempPath(), "cairn-pg-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["postgres"] = connectionString };
        try
        {
            await using var first = await CairnServer.StartAsync(dataPath: data, settings: settings);
            await using var second = await CairnServer.StartAsync(dataPath: data, settings: settings);
            Assert.IsType<PostgresMetadataStore>(first.GetService<IMetadataStore>());
            Assert.False(File.Exists(Path.Combine(data, "metadata.db")));

            using var one = await B2Session.AuthorizeAsync(first);
            using var two = await B2Session.AuthorizeAsync(second);
            var bucketId = await one.CreateBucketAsync("pg-" + Guid.NewGuid().ToString("N")[..12]);
            var content = Encoding.UTF8.GetBytes("stored through one node, read through the other");
            var fileId = (await one.UploadAsync(bucketId, "shared.txt", content)).GetProperty("fileId").GetString();

            using var download = await two.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={fileId}");
            Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            await TestPostgres.DropSchemaAsync(schema);
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    public async Task PostgresSwitch_WithInMemory_IsRefusedAtStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => CairnServer.StartAsync(inMemory: true, settings: new Dictionary<string, string> { ["postgres"] = "Host=127.0.0.1" }));
        Assert.Contains("--postgres", error.Message, StringComparison.Ordinal);
    }
}
