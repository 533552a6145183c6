using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests;

/// <summary>b2sdk 1.17.3 (API v2) driven through <c>b2sdk_scenarios.py</c>.</summary>
public sealed class B2SdkTests(ITestOutputHelper output) : CompatTest(output)
{
    private Task<JsonElement> RunAsync(string scenario) =>
        B2SdkScript.RunAsync(scenario, Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey, BucketName, TempDir);

    [Fact]
    public async Task UploadBytesAndLocalFile_DownloadByNameAndById_WholeAndRanges_AreByteEqual()
    {
        var data = RandomNumberGenerator.GetBytes(70_000);
        await File.WriteAllBytesAsync(Path.Combine(TempDir, "input.bin"), data);

        var result = await RunAsync("upload_and_download");

        var sha1 = Convert.ToHexStringLower(SHA1.HashData(data));
        var byBytes = result.GetProperty("uploadBytes");
        Assert.Equal("bytes/hello wörld+1.bin", byBytes.GetProperty("name").GetString());
        Assert.Equal(data.Length, byBytes.GetProperty("size").GetInt64());
        Assert.Equal(sha1, byBytes.GetProperty("contentSha1").GetString());
        Assert.Equal("blue", byBytes.GetProperty("fileInfo").GetProperty("color").GetString());
        var byFile = result.GetProperty("uploadLocalFile");
        Assert.Equal("local/日本 file #1.bin", byFile.GetProperty("name").GetString());
        Assert.Equal("application/octet-stream", byFile.GetProperty("contentType").GetString());
        Assert.Equal(sha1, byFile.GetProperty("contentSha1").GetString());
        Assert.StartsWith("4_z" + result.GetProperty("bucketId").GetString() + "_f1", byFile.GetProperty("id").GetString(), StringComparison.Ordinal);

        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(TempDir, "by_name.bin")));
        Assert.Equal(byBytes.GetProperty("id").GetString(), result.GetProperty("byName").GetProperty("id").GetString());
        Assert.Equal("blue", result.GetProperty("byName").GetProperty("fileInfo").GetProperty("color").GetString());
        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(TempDir, "by_id.bin")));
        Assert.Equal("local/日本 file #1.bin", result.GetProperty("byId").GetProperty("name").GetString());
        Assert.Equal(data[10..1034], await File.ReadAllBytesAsync(Path.Combine(TempDir, "range_by_name.bin")));
        Assert.Equal(data[^100..], await File.ReadAllBytesAsync(Path.Combine(TempDir, "range_by_id.bin")));
        Assert.Equal([10, 1033], result.GetProperty("rangeByName").GetProperty("range").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task GetFileInfo_ByIdAndByName_ReturnSha1TypeAndInfo()
    {
        var text = Encoding.UTF8.GetBytes("read me\n");
        await File.WriteAllBytesAsync(Path.Combine(TempDir, "input.txt"), text);

        var result = await RunAsync("file_info");

        var id = result.GetProperty("uploaded").GetProperty("id").GetString();
        foreach (var view in new[] { result.GetProperty("byId"), result.GetProperty("byName") })
        {
            Assert.Equal(id, view.GetProperty("id").GetString());
            Assert.Equal("docs/readme.txt", view.GetProperty("name").GetString());
            Assert.Equal(text.Length, view.GetProperty("size").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(text)), view.GetProperty("contentSha1").GetString());
            Assert.Equal("text/plain", view.GetProperty("contentType").GetString());
            var info = view.GetProperty("fileInfo");
            Assert.Equal("cairn", info.GetProperty("author").GetString());
            Assert.Equal("1600000000123", info.GetProperty("src_last_modified_millis").GetString());
        }
    }

    [Fact]
    public async Task Ls_NotRecursive_ShowsFilesAndFoldersOfOneLevel()
    {
        var result = await RunAsync("ls_folders");

        Assert.Equal(["dir/", "other/", "top.txt", "zz.txt"], Names(result.GetProperty("root")));
        Assert.Equal([true, true, false, false], result.GetProperty("root").EnumerateArray().Select(e => e.GetProperty("folder").GetBoolean()));
        Assert.Equal(["dir/a.txt", "dir/b.txt", "dir/sub/"], Names(result.GetProperty("dir")));
        Assert.Equal(["dir/a.txt", "dir/b.txt", "dir/sub/"], Names(result.GetProperty("dirSlash")));
        Assert.Equal(["dir/a.txt", "dir/b.txt", "dir/sub/c.txt", "dir/sub/deeper/d.txt", "other/e.txt", "top.txt", "zz.txt"],
            Names(result.GetProperty("recursive")));
    }

    [Fact]
    public async Task ObjectLock_RetentionAndLegalHold_SetThroughB2sdk_BlockDeletes()
    {
        var result = await RunAsync("object_lock");

        Assert.True(result.GetProperty("lockEnabled").GetBoolean());
        Assert.Equal("governance", result.GetProperty("retentionMode").GetString());
        Assert.True(result.GetProperty("retainUntil").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal("on", result.GetProperty("legalHold").GetString());
        // Refused under legal hold, and still refused by governance retention after the hold is lifted (no bypass).
        Assert.Equal(2, result.GetProperty("refused").GetArrayLength());
        Assert.Equal("compliance", result.GetProperty("plainRetentionMode").GetString());
    }

    [Fact]
    public async Task HideAndDeleteFileVersion_ListVersionsAndLs_ShowTheHistory()
    {
        var result = await RunAsync("versions");

        var oldId = result.GetProperty("old").GetProperty("id").GetString();
        var newId = result.GetProperty("new").GetProperty("id").GetString();
        Assert.Equal([newId, oldId], Ids(result.GetProperty("versionsBefore")));

        var hide = result.GetProperty("hide");
        Assert.Equal("hide", hide.GetProperty("action").GetString());
        Assert.Equal("w.txt", hide.GetProperty("name").GetString());
        Assert.Equal(["v.txt"], Names(result.GetProperty("latest")));
        var all = result.GetProperty("allVersions").EnumerateArray()
            .Select(e => (e.GetProperty("name").GetString(), e.GetProperty("action").GetString(), e.GetProperty("id").GetString())).ToList();
        Assert.Equal(
            [("v.txt", "upload", newId), ("v.txt", "upload", oldId), ("w.txt", "hide", hide.GetProperty("id").GetString()),
             ("w.txt", "upload", result.GetProperty("hiddenSource").GetProperty("id").GetString())],
            all);

        Assert.Equal(oldId, result.GetProperty("deleted").GetProperty("fileId").GetString());
        Assert.Equal("v.txt", result.GetProperty("deleted").GetProperty("fileName").GetString());
        Assert.Equal([newId], Ids(result.GetProperty("versionsAfter")));
        Assert.Equal("version two, longer"u8.ToArray(), await File.ReadAllBytesAsync(Path.Combine(TempDir, "v.txt")));
        Assert.Equal(["hide", "upload"], result.GetProperty("wVersions").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    private static List<string?> Names(JsonElement list) => list.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();

    private static List<string?> Ids(JsonElement list) => list.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
}
