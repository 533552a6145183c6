using System.Text;
using Cairn.Server.Tests.B2.LargeFiles;
using static Cairn.Server.Tests.B2.Encryption.EncryptionWire;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;

namespace Cairn.Server.Tests.B2.Encryption;

/// <summary>What is on disk: the blob files of encrypted uploads do not contain their plaintext.</summary>
public sealed class EncryptionAtRestTests(DiskLargeFileFixture fixture) : IClassFixture<DiskLargeFileFixture>
{
    [Fact]
    public async Task UploadFile_SseB2AndSseC_BlobFilesHoldNoPlaintext_PlaintextUploadDoes()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var marker = Encoding.ASCII.GetBytes("CAIRN-PLAINTEXT-MARKER-" + Guid.NewGuid().ToString("N"));
        var content = Enumerable.Repeat(marker, 200).SelectMany(m => m).ToArray();

        var encrypted = new[]
        {
            await session.UploadAsync(bucketId, "b2.txt", content, headers: SseB2Headers),
            await session.UploadAsync(bucketId, "c.txt", content, headers: SseCHeaders(NewKey())),
        };
        var plain = await session.UploadAsync(bucketId, "plain.txt", content);

        var withPlaintext = BlobFiles(fixture.Server).Where(f => Contains(File.ReadAllBytes(f), marker)).ToList();
        // Only the plaintext upload's blob holds the marker (other tests' blobs never contain this random marker).
        Assert.Single(withPlaintext);
        Assert.All(encrypted, e => Assert.NotEqual("null", Mode(e)));
        Assert.Equal(content, await BytesAsync(await session.DownloadByIdAsync(plain.GetProperty("fileId").GetString()!)));
        Assert.Equal(content, await BytesAsync(await session.DownloadByIdAsync(encrypted[0].GetProperty("fileId").GetString()!)));
    }

    [Fact]
    public async Task Server_MasterKeyFile_IsCreatedOwnerOnly_AndReusedAfterRestart()
    {
        var data = Path.Combine(Path.GetTempPath(), "cairn-sse-" + Guid.NewGuid().ToString("N"));
        try
        {
            var content = LargeFileWire.Bytes(1000, 9);
            string fileId;
            await using (var first = await Cairn.Testing.CairnServer.StartAsync(dataPath: data))
            {
                using var session = await Cairn.Testing.B2Session.AuthorizeAsync(first);
                var bucketId = await session.NewBucketAsync();
                fileId = (await session.UploadAsync(bucketId, "kept", content, headers: SseB2Headers)).GetProperty("fileId").GetString()!;
            }
            var keyFile = Path.Combine(data, "sse-master.key");
            Assert.True(File.Exists(keyFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            }
            // The key is not in the metadata database (SQLite's file; on PostgreSQL there is no file to read).
            var key = File.ReadAllText(keyFile).Trim();
            if (!Cairn.Testing.CairnServer.MetadataOnPostgres)
            {
                Assert.False(Contains(File.ReadAllBytes(Path.Combine(data, "metadata.db")), Encoding.ASCII.GetBytes(key)));
            }
            await using (var second = await Cairn.Testing.CairnServer.StartAsync(dataPath: data))
            {
                using var session = await Cairn.Testing.B2Session.AuthorizeAsync(second);
                Assert.Equal(content, await BytesAsync(await session.DownloadByIdAsync(fileId)));
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
