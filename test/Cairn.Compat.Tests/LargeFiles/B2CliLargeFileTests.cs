using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.LargeFiles;

/// <summary>
/// The Debian b2 CLI 1.3.8 (v2 API) uploads a large file. It takes the large-file path only above twice the
/// recommended part size, so the server advertises 5 MB parts and the file is 12 MB.
/// </summary>
public sealed class B2CliLargeFileTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Points the CLI's realm table at Cairn without modifying the installed package (README).</summary>
    private const string Launcher = """
        import os, sys
        from b2.account_info.abstract import AbstractAccountInfo
        AbstractAccountInfo.REALM_URLS['production'] = os.environ['CAIRN_URL']
        from b2.console_tool import main
        main()
        """;

    private const long FileSize = 12_000_000;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "cairn-b2cli-lf-" + Guid.NewGuid().ToString("N"));
    private CairnServer? _server;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        _server = await CairnServer.StartAsync(settings: new Dictionary<string, string>
        {
            ["Cairn:RecommendedPartSize"] = "5000000",
            ["Cairn:AbsoluteMinimumPartSize"] = "5000000",
        });
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
    public async Task B2Cli_UploadFileAboveTwiceThePartSize_UploadsALargeFileThatDownloadsIntact()
    {
        await ClientProcess.RequirePythonModuleAsync(output, "b2.console_tool", "backblaze-b2");
        var launcher = Path.Combine(_work, "b2cairn.py");
        await File.WriteAllTextAsync(launcher, Launcher);
        var local = ClientProcess.WriteRandomFile(Path.Combine(_work, "big.bin"), FileSize, 11);
        var bucket = "b2cli-lf-" + Guid.NewGuid().ToString("N")[..12];

        await CliAsync(launcher, "authorize-account", CairnServer.MasterKeyId, CairnServer.MasterKey);
        await CliAsync(launcher, "create-bucket", bucket, "allPrivate");
        var upload = await CliAsync(launcher, "upload-file", "--noProgress", "--threads", "3", bucket, local, "backups/big.bin");
        Assert.Contains("_f2", upload, StringComparison.Ordinal);
        var downloaded = Path.Combine(_work, "downloaded.bin");
        await CliAsync(launcher, "download-file-by-name", "--noProgress", bucket, "backups/big.bin", downloaded);
        var expected = await File.ReadAllBytesAsync(local);
        var actual = await File.ReadAllBytesAsync(downloaded);
        Assert.True(expected.SequenceEqual(actual), "the downloaded file differs");

        using var session = await B2Session.AuthorizeAsync(_server!);
        var buckets = await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId, bucketName = bucket });
        var bucketId = buckets.GetProperty("buckets")[0].GetProperty("bucketId").GetString();
        var names = await session.CallAsync("b2_list_file_names", new { bucketId });
        var file = Assert.Single(names.GetProperty("files").EnumerateArray());
        Assert.Equal(FileSize, file.GetProperty("contentLength").GetInt64());
        Assert.Equal("none", file.GetProperty("contentSha1").GetString());
    }

    private Task<string> CliAsync(string launcher, params string[] args) =>
        ClientProcess.RunOkAsync(output, ClientProcess.Python, [launcher, .. args], new Dictionary<string, string>
        {
            ["CAIRN_URL"] = _server!.BaseUrl,
            ["B2_ACCOUNT_INFO"] = Path.Combine(_work, "b2_account_info"),
            ["HOME"] = _work,
        }, TimeSpan.FromMinutes(3));
}
