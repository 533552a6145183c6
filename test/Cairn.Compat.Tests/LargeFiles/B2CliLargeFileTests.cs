using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.LargeFiles;

/// <summary>
/// The Debian b2 CLI 1.3.8 (v2 API) uploads a large file. It takes the large-file path only above twice the
/// recommended part size, so the server advertises 5 MB parts and the file is 12 MB.
/// </summary>
public sealed class B2CliLargeFileTests(ITestOutputHelper output) : CompatTest(output)
{
    private const long FileSize = 12_000_000;

    protected override Task<CairnServer> StartServerAsync() => CairnServer.StartAsync(settings: FiveMegabyteParts);

    [Fact]
    public async Task B2Cli_UploadFileAboveTwiceThePartSize_UploadsALargeFileThatDownloadsIntact()
    {
        var b2 = new B2CliClient(Server.BaseUrl, NewDirectory("b2cli")) { Timeout = TimeSpan.FromMinutes(3), Log = Output };
        var local = RandomFile.Write(Path.Combine(TempDir, "big.bin"), FileSize, 11);
        var bucket = BucketName;

        await b2.RunAsync("authorize-account", CairnServer.MasterKeyId, CairnServer.MasterKey);
        await b2.RunAsync("create-bucket", bucket, "allPrivate");
        var upload = (await b2.RunAsync("upload-file", "--noProgress", "--threads", "3", bucket, local, "backups/big.bin")).Stdout;
        Assert.Contains("_f2", upload, StringComparison.Ordinal);
        var downloaded = Path.Combine(TempDir, "downloaded.bin");
        await b2.RunAsync("download-file-by-name", "--noProgress", bucket, "backups/big.bin", downloaded);
        var expected = await File.ReadAllBytesAsync(local);
        var actual = await File.ReadAllBytesAsync(downloaded);
        Assert.True(expected.SequenceEqual(actual), "the downloaded file differs");

        using var session = await B2Session.AuthorizeAsync(Server);
        var buckets = await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId, bucketName = bucket });
        var bucketId = buckets.GetProperty("buckets")[0].GetProperty("bucketId").GetString();
        var names = await session.CallAsync("b2_list_file_names", new { bucketId });
        var file = Assert.Single(names.GetProperty("files").EnumerateArray());
        Assert.Equal(FileSize, file.GetProperty("contentLength").GetInt64());
        Assert.Equal("none", file.GetProperty("contentSha1").GetString());
    }
}
