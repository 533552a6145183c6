using System.Security.Cryptography;
using System.Text.Json;
using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests;

/// <summary>The b2 command-line tool 1.3.8 (API v2, its own raw API, not b2sdk) run as a process.</summary>
public sealed class B2CliTests(ITestOutputHelper output) : CompatTest(output)
{
    private B2CliClient _b2 = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _b2 = new B2CliClient(Server.BaseUrl, NewDirectory("b2cli"));
        var authorized = await _b2.RunAsync("authorize-account", CairnServer.MasterKeyId, CairnServer.MasterKey);
        Assert.Contains("Using " + Server.BaseUrl, authorized.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateBucket_ThenListBuckets_ShowsIdsTypesAndNames()
    {
        var privateId = Line(await _b2.RunAsync("create-bucket", BucketName, "allPrivate"));
        var publicId = Line(await _b2.RunAsync("create-bucket", BucketName + "-pub", "allPublic"));

        var lines = (await _b2.RunAsync("list-buckets")).StdoutLines
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => (p[0], p[1], p[2]))
            .OrderBy(p => p.Item3, StringComparer.Ordinal);
        Assert.Equal([(privateId, "allPrivate", BucketName), (publicId, "allPublic", BucketName + "-pub")], lines);
    }

    [Fact]
    public async Task UploadFile_DownloadByNameAndById_AndGetFileInfo_Agree()
    {
        await _b2.RunAsync("create-bucket", BucketName, "allPrivate");
        var data = RandomNumberGenerator.GetBytes(50_000);
        var local = Path.Combine(TempDir, "upload.bin");
        await File.WriteAllBytesAsync(local, data);
        File.SetLastWriteTimeUtc(local, new DateTime(2020, 2, 29, 8, 0, 0, 250, DateTimeKind.Utc));
        const string name = "dir/sub file é+#1.bin";

        var uploaded = JsonAfterText(await _b2.RunAsync("upload-file", "--noProgress", "--info", "color=green",
            "--contentType", "application/x-cairn", BucketName, local, name));
        var fileId = uploaded.GetProperty("fileId").GetString()!;
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(data));
        Assert.Equal(name, uploaded.GetProperty("fileName").GetString());
        Assert.Equal(data.Length, uploaded.GetProperty("size").GetInt64());
        Assert.Equal("upload", uploaded.GetProperty("action").GetString());

        var byName = Path.Combine(TempDir, "by-name.bin");
        var byId = Path.Combine(TempDir, "by-id.bin");
        await _b2.RunAsync("download-file-by-name", "--noProgress", BucketName, name, byName);
        await _b2.RunAsync("download-file-by-id", "--noProgress", fileId, byId);
        Assert.Equal(data, await File.ReadAllBytesAsync(byName));
        Assert.Equal(data, await File.ReadAllBytesAsync(byId));

        var info = await _b2.RunJsonAsync("get-file-info", fileId);
        Assert.Equal(fileId, info.GetProperty("fileId").GetString());
        Assert.Equal(name, info.GetProperty("fileName").GetString());
        Assert.Equal(sha1, info.GetProperty("contentSha1").GetString());
        Assert.Equal(data.Length, info.GetProperty("contentLength").GetInt64());
        Assert.Equal("application/x-cairn", info.GetProperty("contentType").GetString());
        Assert.Equal("green", info.GetProperty("fileInfo").GetProperty("color").GetString());
        Assert.Equal("1582963200250", info.GetProperty("fileInfo").GetProperty("src_last_modified_millis").GetString());
        Assert.Equal("upload", info.GetProperty("action").GetString());
    }

    [Fact]
    public async Task Ls_RootAndFolder_ShowOneLevelWithFolders_ListFileNamesShowsAll()
    {
        await _b2.RunAsync("create-bucket", BucketName, "allPrivate");
        var local = Path.Combine(TempDir, "small.txt");
        await File.WriteAllTextAsync(local, "small\n");
        string[] names = ["top.txt", "photos/2024/a.jpg", "photos/2024/b.jpg", "photos/index.html", "photos-old.txt", "z z.txt"];
        foreach (var name in names)
        {
            await _b2.RunAsync("upload-file", "--noProgress", "--quiet", BucketName, local, name);
        }

        Assert.Equal(["photos-old.txt", "photos/", "top.txt", "z z.txt"], (await _b2.RunAsync("ls", BucketName)).StdoutLines);
        Assert.Equal(["photos/2024/", "photos/index.html"], (await _b2.RunAsync("ls", BucketName, "photos")).StdoutLines);
        Assert.Equal(["photos/2024/a.jpg", "photos/2024/b.jpg"], (await _b2.RunAsync("ls", BucketName, "photos/2024/")).StdoutLines);

        var listed = await _b2.RunJsonAsync("list-file-names", BucketName);
        Assert.Equal(names.Order(StringComparer.Ordinal), Names(listed));
        Assert.All(listed.GetProperty("files").EnumerateArray(), f => Assert.Equal(6, f.GetProperty("contentLength").GetInt64()));
        var page = await _b2.RunJsonAsync("list-file-names", BucketName, "photos/", "2");
        Assert.Equal(["photos/2024/a.jpg", "photos/2024/b.jpg"], Names(page));
        Assert.Equal("photos/index.html", page.GetProperty("nextFileName").GetString());
    }

    [Fact]
    public async Task HideAndDeleteFileVersions_ThenDeleteBucket_LeavesNothing()
    {
        await _b2.RunAsync("create-bucket", BucketName, "allPrivate");
        var local = Path.Combine(TempDir, "v.txt");
        await File.WriteAllTextAsync(local, "one\n");
        var first = JsonAfterText(await _b2.RunAsync("upload-file", "--noProgress", "--quiet", BucketName, local, "v.txt"));
        await File.WriteAllTextAsync(local, "two!\n");
        var second = JsonAfterText(await _b2.RunAsync("upload-file", "--noProgress", "--quiet", BucketName, local, "v.txt"));
        await _b2.RunAsync("upload-file", "--noProgress", "--quiet", BucketName, local, "keep.txt");

        var hide = await _b2.RunJsonAsync("hide-file", BucketName, "v.txt");
        Assert.Equal("hide", hide.GetProperty("action").GetString());
        Assert.Equal("v.txt", hide.GetProperty("fileName").GetString());
        Assert.Equal(["keep.txt"], (await _b2.RunAsync("ls", BucketName)).StdoutLines);
        Assert.Equal(["keep.txt"], Names(await _b2.RunJsonAsync("list-file-names", BucketName)));

        var versions = (await _b2.RunJsonAsync("list-file-versions", BucketName)).GetProperty("files").EnumerateArray()
            .Select(f => (f.GetProperty("fileName").GetString(), f.GetProperty("action").GetString(), f.GetProperty("fileId").GetString()))
            .ToList();
        Assert.Equal(
            [("keep.txt", "upload", versions[0].Item3), ("v.txt", "hide", hide.GetProperty("fileId").GetString()),
             ("v.txt", "upload", second.GetProperty("fileId").GetString()), ("v.txt", "upload", first.GetProperty("fileId").GetString())],
            versions);

        // With the name, and without it (the CLI then looks the name up with b2_get_file_info).
        var deleted = await _b2.RunJsonAsync("delete-file-version", "v.txt", versions[1].Item3!);
        Assert.Equal(versions[1].Item3, deleted.GetProperty("fileId").GetString());
        Assert.Equal("v.txt", deleted.GetProperty("fileName").GetString());
        foreach (var (_, _, id) in versions.Where((_, i) => i != 1))
        {
            await _b2.RunJsonAsync("delete-file-version", id!);
        }
        Assert.Empty((await _b2.RunJsonAsync("list-file-versions", BucketName)).GetProperty("files").EnumerateArray());

        var bucket = await _b2.RunJsonAsync("delete-bucket", BucketName);
        Assert.Equal(BucketName, bucket.GetProperty("bucketName").GetString());
        Assert.Empty((await _b2.RunAsync("list-buckets")).StdoutLines);
    }

    private static string Line(ProcessResult result) => Assert.Single(result.StdoutLines);

    private static List<string?> Names(JsonElement listing) =>
        listing.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileName").GetString()).ToList();

    /// <summary>upload-file prints "URL by ..." lines before its JSON unless --quiet.</summary>
    private static JsonElement JsonAfterText(ProcessResult result) =>
        JsonDocument.Parse(result.Stdout[result.Stdout.IndexOf('{', StringComparison.Ordinal)..]).RootElement.Clone();

    [Fact]
    public async Task UpdateBucket_SetsLifecycleAndCorsRules_TheServerEnforces()
    {
        await _b2.RunAsync("create-bucket", BucketName, "allPrivate");
        const string Lifecycle = """[{"fileNamePrefix":"logs/","daysFromHidingToDeleting":7,"daysFromUploadingToHiding":30}]""";
        const string Cors = """[{"corsRuleName":"appDownloads","allowedOrigins":["https://app.example.com"],"allowedOperations":["b2_download_file_by_name"],"allowedHeaders":["range"],"maxAgeSeconds":600}]""";
        var updated = await _b2.RunJsonAsync("update-bucket", "--lifecycleRules", Lifecycle, "--corsRules", Cors, BucketName, "allPublic");
        Assert.Equal("allPublic", updated.GetProperty("bucketType").GetString());
        Assert.Equal(30, updated.GetProperty("lifecycleRules")[0].GetProperty("daysFromUploadingToHiding").GetInt32());
        Assert.Equal("appDownloads", updated.GetProperty("corsRules")[0].GetProperty("corsRuleName").GetString());

        // The rules are enforced, not merely stored: a preflight from the allowed origin passes, another origin does not.
        using var http = Server.CreateClient();
        foreach (var (origin, expected) in new[] { ("https://app.example.com", 200), ("https://elsewhere.example.com", 403) })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, $"file/{BucketName}/a.txt");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "GET");
            using var response = await http.SendAsync(preflight);
            Assert.Equal(expected, (int)response.StatusCode);
        }

        var refused = await _b2.TryRunAsync("update-bucket", "--lifecycleRules", """[{"fileNamePrefix":"","daysFromHidingToDeleting":0}]""", BucketName, "allPublic");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("bad_request", refused.Stdout + refused.Stderr, StringComparison.Ordinal);
    }
}
