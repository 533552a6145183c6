using System.Text.Json;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.LargeFiles;

/// <summary>rclone 1.60 (B2 backend, v1 API) through its large-file and server-side copy paths.</summary>
public sealed class RcloneLargeFileTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long FileSize = 12 * 1024 * 1024;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "cairn-rclone-lf-" + Guid.NewGuid().ToString("N"));
    private CairnServer? _server;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        _server = await CairnServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Rclone_CopyAboveUploadCutoffWithSmallestChunks_CheckDownloadMatches_AndServerSideCopies()
    {
        var server = _server!;
        var bucket = "rclone-lf-" + Guid.NewGuid().ToString("N")[..12];
        var source = Path.Combine(_work, "src");
        Directory.CreateDirectory(source);
        ClientProcess.WriteRandomFile(Path.Combine(source, "big.bin"), FileSize, 42);

        await RcloneAsync("mkdir", $"cairn:{bucket}");
        // 5M is rclone's smallest chunk size; above the 5M cutoff it uses start/upload_part/finish.
        await RcloneAsync("copy", "--b2-upload-cutoff", "5M", "--b2-chunk-size", "5M", "--transfers", "2", source, $"cairn:{bucket}/dir");
        await RcloneAsync("check", "--download", source, $"cairn:{bucket}/dir");

        using var session = await B2Session.AuthorizeAsync(server);
        var big = await FindAsync(session, bucket, "dir/big.bin");
        Assert.Equal(FileSize, big.GetProperty("contentLength").GetInt64());
        Assert.Contains("_f2", big.GetProperty("fileId").GetString(), StringComparison.Ordinal);
        Assert.Equal("none", big.GetProperty("contentSha1").GetString());
        Assert.True(big.GetProperty("fileInfo").TryGetProperty("large_file_sha1", out _), "rclone sets large_file_sha1 on large files");

        // Server-side copy below rclone's copy cutoff: b2_copy_file.
        await RcloneAsync("copyto", $"cairn:{bucket}/dir/big.bin", $"cairn:{bucket}/copied/big.bin");
        // And above it (forced with the smallest cutoff): start, b2_copy_part per chunk, finish.
        await RcloneAsync("copyto", "--b2-copy-cutoff", "5M", $"cairn:{bucket}/dir/big.bin", $"cairn:{bucket}/parts/big.bin");
        await RcloneAsync("check", "--download", source, $"cairn:{bucket}/copied");
        await RcloneAsync("check", "--download", source, $"cairn:{bucket}/parts");
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

    private Task<string> RcloneAsync(params string[] args) =>
        ClientProcess.RunOkAsync(output, "rclone", args, new Dictionary<string, string>
        {
            ["RCLONE_CONFIG"] = Path.Combine(_work, "rclone.conf"),
            ["RCLONE_CONFIG_CAIRN_TYPE"] = "b2",
            ["RCLONE_CONFIG_CAIRN_ACCOUNT"] = CairnServer.MasterKeyId,
            ["RCLONE_CONFIG_CAIRN_KEY"] = CairnServer.MasterKey,
            ["RCLONE_CONFIG_CAIRN_ENDPOINT"] = _server!.BaseUrl,
        }, TimeSpan.FromMinutes(3));
}
