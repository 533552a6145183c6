using System.Text;
using System.Text.RegularExpressions;
using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests;

/// <summary>rclone 1.60 (B2 backend, API v1) run as a process against the server.</summary>
public sealed partial class RcloneTests(ITestOutputHelper output) : CompatTest(output)
{
    private RcloneClient _rclone = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _rclone = new RcloneClient(Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey, NewDirectory("rclone"));
    }

    private string Bucket => $"{RcloneClient.Remote}:{BucketName}";

    [GeneratedRegex(@"^(?<stem>.*)-v\d{4}-\d{2}-\d{2}-\d{6}-\d{3}(?<ext>\.[^./]*)?$")]
    private static partial Regex VersionSuffix();

    [Fact]
    public async Task Mkdir_CreatesBucket_AndAgainOnExistingBucketSucceeds()
    {
        await _rclone.RunAsync("mkdir", Bucket);
        await _rclone.RunAsync("mkdir", Bucket);

        var lsd = await _rclone.RunAsync("lsd", RcloneClient.Remote + ":");
        Assert.Equal([BucketName], lsd.StdoutLines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]));
        using var session = await B2Session.AuthorizeAsync(Server);
        var buckets = await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId });
        var bucket = Assert.Single(buckets.GetProperty("buckets").EnumerateArray());
        Assert.Equal(BucketName, bucket.GetProperty("bucketName").GetString());
        Assert.Equal("allPrivate", bucket.GetProperty("bucketType").GetString());
    }

    [Fact]
    public async Task Copy_UnusualNames_LsShowsExactNamesSizesAndModTimes()
    {
        await CopyTreeAsync();

        var ls = await _rclone.RunAsync("ls", Bucket);
        var listed = ls.StdoutLines.Select(ParseLs).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(LocalTree.Names.Order(StringComparer.Ordinal).Select(n => (n, (long)LocalTree.Content(n).Length)), listed);

        var entries = await _rclone.LsJsonAsync(BucketName, "-R", "--files-only");
        Assert.Equal(LocalTree.Names.Order(StringComparer.Ordinal), entries.Select(e => e.Path).Order(StringComparer.Ordinal));
        foreach (var entry in entries)
        {
            Assert.Equal(LocalTree.Content(entry.Path).Length, entry.Size);
            var drift = (entry.ModTime.UtcDateTime - LocalTree.ModTime(entry.Path)).Duration();
            Assert.True(drift < TimeSpan.FromSeconds(1), $"{entry.Path}: modtime {entry.ModTime:O}, expected {LocalTree.ModTime(entry.Path):O}");
        }

        var lsf = await _rclone.RunAsync("lsf", Bucket);
        Assert.Equal(
            ["a/", "amp&ersand=1.txt", "café é.txt", "emoji 😀.txt", "hash#tag.txt", "percent%41 100%.txt", "plain.txt",
             "plus+sign.txt", "tilde~home.txt", "with space.txt", "日本/"],
            lsf.StdoutLines.Order(StringComparer.Ordinal));
        var deep = await _rclone.RunAsync("lsf", Bucket + "/a/b/c");
        Assert.Equal(["d/"], deep.StdoutLines);
    }

    [Fact]
    public async Task CatCheckAndCopyBack_UnusualNames_BytesAreEqual()
    {
        await CopyTreeAsync();

        foreach (var name in new[] { "日本/語 ファイル.txt", "percent%41 100%.txt", "emoji 😀.txt", "a/b/c/d/e/deep.txt" })
        {
            var cat = await _rclone.RunAsync("cat", $"{Bucket}/{name}");
            Assert.Equal(Encoding.UTF8.GetString(LocalTree.Content(name)), cat.Stdout);
        }

        const string ranged = "日本/語 ファイル.txt";
        var content = LocalTree.Content(ranged);
        Assert.Equal(content[5..15], (await _rclone.RunAsync("cat", "--offset", "5", "--count", "10", $"{Bucket}/{ranged}")).StdoutBytes);
        Assert.Equal(content[^7..], (await _rclone.RunAsync("cat", "--tail", "7", $"{Bucket}/{ranged}")).StdoutBytes);

        var check = await _rclone.RunAsync("check", "--download", Path.Combine(TempDir, "tree"), Bucket);
        Assert.Contains("0 differences found", check.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{LocalTree.Names.Count} matching files", check.Stderr, StringComparison.Ordinal);

        var back = NewDirectory("back");
        await _rclone.RunAsync("copy", Bucket, back);
        var downloaded = Directory.EnumerateFiles(back, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(back, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(LocalTree.Names.Order(StringComparer.Ordinal), downloaded);
        foreach (var name in LocalTree.Names)
        {
            Assert.Equal(LocalTree.Content(name), await File.ReadAllBytesAsync(Path.Combine(back, name)));
        }
    }

    [Fact]
    public async Task DeleteFile_HidesTheFile_VersionsListingStillShowsIt()
    {
        await CopyTreeAsync();
        // A second version of one file, so --b2-versions has a current and an older version to name.
        var tree = Path.Combine(TempDir, "tree");
        await File.WriteAllTextAsync(Path.Combine(tree, "plus+sign.txt"), "second version\n");
        await _rclone.RunAsync("copy", tree, Bucket);

        await _rclone.RunAsync("deletefile", $"{Bucket}/café é.txt");

        var current = (await _rclone.RunAsync("lsf", "-R", "--files-only", Bucket)).StdoutLines;
        Assert.DoesNotContain("café é.txt", current);
        Assert.Equal(LocalTree.Names.Count - 1, current.Count);

        var versions = (await _rclone.RunAsync("ls", "--b2-versions", Bucket)).StdoutLines.Select(l => ParseLs(l).Name).ToList();
        var older = versions.Where(v => VersionSuffix().IsMatch(v)).ToList();
        Assert.Equal(2, older.Count);
        Assert.Contains(older, v => VersionSuffix().Match(v) is var m && m.Groups["stem"].Value == "café é" && m.Groups["ext"].Value == ".txt");
        Assert.Contains(older, v => VersionSuffix().Match(v) is var m && m.Groups["stem"].Value == "plus+sign" && m.Groups["ext"].Value == ".txt");
        Assert.Equal(LocalTree.Names.Where(n => n != "café é.txt").Order(StringComparer.Ordinal),
            versions.Except(older).Order(StringComparer.Ordinal));
        Assert.Equal(Encoding.UTF8.GetString(LocalTree.Content("plus+sign.txt")),
            (await _rclone.RunAsync("cat", "--b2-versions", $"{Bucket}/{older.Single(v => v.StartsWith("plus+sign", StringComparison.Ordinal))}")).Stdout);
    }

    [Fact]
    public async Task Cleanup_RemovesOldVersionsAndHiddenFiles()
    {
        await CopyTreeAsync();
        var tree = Path.Combine(TempDir, "tree");
        await File.WriteAllTextAsync(Path.Combine(tree, "plain.txt"), "second version\n");
        await _rclone.RunAsync("copy", tree, Bucket);
        await _rclone.RunAsync("deletefile", $"{Bucket}/hash#tag.txt");

        await _rclone.RunAsync("cleanup", Bucket);

        var expected = LocalTree.Names.Where(n => n != "hash#tag.txt").Order(StringComparer.Ordinal);
        var versions = (await _rclone.RunAsync("lsf", "-R", "--files-only", "--b2-versions", Bucket)).StdoutLines;
        Assert.Equal(expected, versions.Order(StringComparer.Ordinal));
        using var session = await B2Session.AuthorizeAsync(Server, version: 1);
        var bucketId = (await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId }))
            .GetProperty("buckets")[0].GetProperty("bucketId").GetString();
        var all = await session.CallAsync("b2_list_file_versions", new { bucketId, maxFileCount = 1000 });
        Assert.Equal(expected, all.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileName").GetString()));
        Assert.Equal("second version\n", (await _rclone.RunAsync("cat", $"{Bucket}/plain.txt")).Stdout);
    }

    [Fact]
    public async Task Copy_UnchangedTree_UploadsNothing()
    {
        await CopyTreeAsync();

        var again = await _rclone.RunAsync("copy", "-v", "--stats-one-line", "--stats", "1h", Path.Combine(TempDir, "tree"), Bucket);

        Assert.DoesNotContain("Copied", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("There was nothing to transfer", again.Stderr, StringComparison.Ordinal);
        var versions = (await _rclone.RunAsync("lsf", "-R", "--files-only", "--b2-versions", Bucket)).StdoutLines;
        Assert.Equal(LocalTree.Names.Order(StringComparer.Ordinal), versions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Purge_DeletesAllVersionsAndTheBucket()
    {
        await CopyTreeAsync();
        var tree = Path.Combine(TempDir, "tree");
        await File.WriteAllTextAsync(Path.Combine(tree, "plain.txt"), "second version\n");
        await _rclone.RunAsync("copy", tree, Bucket);
        await _rclone.RunAsync("deletefile", $"{Bucket}/tilde~home.txt");

        await _rclone.RunAsync("purge", Bucket);

        Assert.Empty((await _rclone.RunAsync("lsd", RcloneClient.Remote + ":")).StdoutLines);
        using var session = await B2Session.AuthorizeAsync(Server, version: 1);
        var buckets = await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId });
        Assert.Empty(buckets.GetProperty("buckets").EnumerateArray());
    }

    private async Task CopyTreeAsync()
    {
        var tree = NewDirectory("tree");
        LocalTree.Write(tree);
        await _rclone.RunAsync("mkdir", Bucket);
        var copy = await _rclone.RunAsync("copy", "-v", tree, Bucket);
        Assert.Equal(LocalTree.Names.Count, Regex.Matches(copy.Stderr, @": Copied \(new\)").Count);
    }

    private static (string Name, long Size) ParseLs(string line)
    {
        var trimmed = line.TrimStart();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return (trimmed[(space + 1)..], long.Parse(trimmed[..space], System.Globalization.CultureInfo.InvariantCulture));
    }
}
