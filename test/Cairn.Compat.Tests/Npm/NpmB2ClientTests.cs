using System.Text.Json;
using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Npm;

/// <summary>
/// The two npm B2 libraries people use from Node (installed by test.sh into Npm/node from its package-lock.json):
/// <c>backblaze-b2</c> through every method it implements, including <c>listParts</c> without a start (it sends
/// <c>startPartNumber: 0</c>), and <c>b2-cloud-storage</c> through small and large uploads and its large-copy path,
/// whose last <c>b2_copy_part</c> range ends at the source's length. Fails, never skips, when node or a package is missing.
/// </summary>
public class NpmB2ClientTests(ITestOutputHelper output) : CompatTest(output)
{
    private static readonly string NodeDirectory = Path.Combine(RepositoryRoot(), "test", "Cairn.Compat.Tests", "Npm", "node");

    protected override Task<CairnServer> StartServerAsync() => CairnServer.StartAsync(settings: FiveMegabyteParts);

    [Fact]
    public async Task BackblazeB2_EveryMethod_WorksAsAgainstB2()
    {
        var seen = await RunAsync("backblaze_b2.mjs", "backblaze-b2", BucketName);

        Assert.Equal(Server.BaseUrl, seen.GetProperty("authorize").GetProperty("apiUrl").GetString());
        Assert.Equal("allPrivate", seen.GetProperty("createBucket").GetString());
        Assert.Equal([BucketName], Strings(seen, "listBuckets"));
        Assert.Single(Strings(seen, "getBucket"));
        Assert.Equal("allPublic", seen.GetProperty("updateBucket").GetString());
        var upload = seen.GetProperty("uploadFile");
        Assert.Equal(upload.GetProperty("expected").GetString(), upload.GetProperty("contentSha1").GetString());
        Assert.Equal("npm", upload.GetProperty("info").GetProperty("author").GetString());
        Assert.Equal(["npm/hello.txt"], Strings(seen, "listFileNames"));
        Assert.Equal(30, seen.GetProperty("getFileInfo").GetInt32());
        Assert.Equal("hello from backblaze-b2 on npm", seen.GetProperty("downloadFileByName").GetString());
        Assert.Equal("hello from backblaze-b2 on npm", seen.GetProperty("downloadFileById").GetString());
        Assert.Equal("npm/", seen.GetProperty("getDownloadAuthorization").GetString());
        Assert.Equal("hide", seen.GetProperty("hideFile").GetString());
        Assert.Equal(["hide", "upload"], Strings(seen, "listFileVersions"));
        Assert.Equal(0, seen.GetProperty("deleteFileVersion").GetInt32());
        Assert.Equal([1, 2], seen.GetProperty("listParts").EnumerateArray().Select(p => p.GetInt32()));
        var finished = seen.GetProperty("finishLargeFile");
        Assert.Equal("upload", finished.GetProperty("action").GetString());
        Assert.Equal(finished.GetProperty("expected").GetInt64(), finished.GetProperty("contentLength").GetInt64());
        Assert.True(seen.GetProperty("largeDownloadMatches").GetBoolean());
        Assert.Equal("npm/abandoned.bin", seen.GetProperty("cancelLargeFile").GetString());
        Assert.Equal("npm/", seen.GetProperty("createKey").GetProperty("namePrefix").GetString());
        Assert.True(seen.GetProperty("listKeys").GetBoolean());
        Assert.Equal("npm-key", seen.GetProperty("deleteKey").GetString());
        Assert.Equal(BucketName, seen.GetProperty("deleteBucket").GetString());
        Assert.Equal("401 unauthorized", seen.GetProperty("wrongKey").GetString());
    }

    [Fact]
    public async Task B2CloudStorage_UploadsAndCopiesLargeFilesByParts()
    {
        var work = NewDirectory("b2-cloud-storage");
        var seen = await RunAsync("b2_cloud_storage.mjs", "b2-cloud-storage", BucketName, work);

        Assert.Equal(5_000_000, seen.GetProperty("authorize").GetProperty("recommendedPartSize").GetInt64());
        Assert.Equal([BucketName], Strings(seen, "listBuckets"));
        Assert.Equal("npm", seen.GetProperty("updateBucket").GetProperty("owner").GetString());
        var small = seen.GetProperty("uploadSmall");
        Assert.Equal(small.GetProperty("expected").GetString(), small.GetProperty("contentSha1").GetString());
        var source = seen.GetProperty("uploadSource");
        Assert.Equal(source.GetProperty("expected").GetInt64(), source.GetProperty("contentLength").GetInt64());
        var large = seen.GetProperty("uploadLarge");
        Assert.Equal(100_000_001, large.GetProperty("contentLength").GetInt64());
        Assert.Equal(large.GetProperty("expected").GetString(), large.GetProperty("largeFileSha1").GetString());
        var copy = seen.GetProperty("copyLarge");
        Assert.Equal("upload", copy.GetProperty("action").GetString());
        Assert.Equal(copy.GetProperty("expected").GetInt64(), copy.GetProperty("contentLength").GetInt64());
        var copyInfo = seen.GetProperty("copyInfo");
        Assert.Equal(copyInfo.GetProperty("expected").GetString(), copyInfo.GetProperty("largeFileSha1").GetString());
        Assert.True(seen.GetProperty("copyDownloadMatches").GetBoolean());
        Assert.Equal("hello from b2-cloud-storage", seen.GetProperty("downloadById").GetString());
        Assert.Equal("hello from b2-cloud-storage", seen.GetProperty("downloadByName").GetString());
        Assert.Equal(["cs/big.bin", "cs/copy.bin", "cs/small.txt", "cs/source.bin"], Strings(seen, "listFileNames"));
        Assert.Equal("hide", seen.GetProperty("hideFile").GetString());
        Assert.Equal(5, seen.GetProperty("listFileVersions").GetInt32());
        Assert.Equal("cs/", seen.GetProperty("getDownloadAuthorization").GetString());
        Assert.Equal(0, seen.GetProperty("listUnfinishedLargeFiles").GetInt32());
        Assert.True(seen.GetProperty("listKeys").GetBoolean());
        Assert.Equal("cs-key", seen.GetProperty("deleteKey").GetString());
        Assert.Equal(BucketName, seen.GetProperty("deleteBucket").GetString());
    }

    private async Task<JsonElement> RunAsync(string script, string package, params string[] arguments)
    {
        var installed = Path.Combine(NodeDirectory, "node_modules", package, "package.json");
        Assert.True(File.Exists(installed), $"{package} is not installed at {installed}: run ./test.sh (it runs npm ci there); the compatibility tests never skip.");
        var result = await ProcessRunner.RunAsync("node", [Path.Combine(NodeDirectory, script), Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey, .. arguments],
            workingDirectory: NodeDirectory, timeout: TimeSpan.FromMinutes(5),
            missingHint: "node is missing (apt-get install nodejs npm); the compatibility tests never skip.");
        result.EnsureSuccess();
        Output.WriteLine(result.Stdout);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private static List<string?> Strings(JsonElement seen, string property) =>
        seen.GetProperty(property).EnumerateArray().Select(e => e.GetString()).ToList();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cairn.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Cairn.slnx not found above " + AppContext.BaseDirectory);
    }
}
