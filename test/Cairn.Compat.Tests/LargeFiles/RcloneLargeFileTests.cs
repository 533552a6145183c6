using System.Text.Json;
using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.LargeFiles;

/// <summary>rclone 1.60 (B2 backend, v1 API) through its large-file and server-side copy paths.</summary>
public sealed class RcloneLargeFileTests(ITestOutputHelper output) : CompatTest(output)
{
    private const long FileSize = 12 * 1024 * 1024;
    private RcloneClient _rclone = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _rclone = new RcloneClient(Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey, NewDirectory("rclone"))
        {
            FailFast = false,
            Timeout = TimeSpan.FromMinutes(3),
            Log = Output,
        };
    }

    [Fact]
    public async Task Rclone_CopyAboveUploadCutoffWithSmallestChunks_CheckDownloadMatches_AndServerSideCopies()
    {
        var bucket = BucketName;
        var source = NewDirectory("src");
        RandomFile.Write(Path.Combine(source, "big.bin"), FileSize, 42);

        await _rclone.RunAsync("mkdir", $"{RcloneClient.Remote}:{bucket}");
        // 5M is rclone's smallest chunk size; above the 5M cutoff it uses start/upload_part/finish.
        await _rclone.RunAsync("copy", "--b2-upload-cutoff", "5M", "--b2-chunk-size", "5M", "--transfers", "2", source, $"{RcloneClient.Remote}:{bucket}/dir");
        await _rclone.RunAsync("check", "--download", source, $"{RcloneClient.Remote}:{bucket}/dir");

        using var session = await B2Session.AuthorizeAsync(Server);
        var big = await FindAsync(session, bucket, "dir/big.bin");
        Assert.Equal(FileSize, big.GetProperty("contentLength").GetInt64());
        Assert.Contains("_f2", big.GetProperty("fileId").GetString(), StringComparison.Ordinal);
        Assert.Equal("none", big.GetProperty("contentSha1").GetString());
        Assert.True(big.GetProperty("fileInfo").TryGetProperty("large_file_sha1", out _), "rclone sets large_file_sha1 on large files");

        // Server-side copy below rclone's copy cutoff: b2_copy_file.
        await _rclone.RunAsync("copyto", $"{RcloneClient.Remote}:{bucket}/dir/big.bin", $"{RcloneClient.Remote}:{bucket}/copied/big.bin");
        // And above it (forced with the smallest cutoff): start, b2_copy_part per chunk, finish.
        await _rclone.RunAsync("copyto", "--b2-copy-cutoff", "5M", $"{RcloneClient.Remote}:{bucket}/dir/big.bin", $"{RcloneClient.Remote}:{bucket}/parts/big.bin");
        await _rclone.RunAsync("check", "--download", source, $"{RcloneClient.Remote}:{bucket}/copied");
        await _rclone.RunAsync("check", "--download", source, $"{RcloneClient.Remote}:{bucket}/parts");
        var viaParts = await FindAsync(session, bucket, "parts/big.bin");
        Assert.Contains("_f2", viaParts.GetProperty("fileId").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> FindAsync(B2Session session, string bucket, string name)
    {
        var buckets = await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId, bucketName = bucket });
        var bucketId = buckets.GetProperty("buckets")[0].GetProperty("bucketId").GetString();
        var names = await session.CallAsync("b2_list_file_names", new { bucketId, prefix = name });
        return names.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("fileName").GetString() == name);
    }
}
