using System.Security.Cryptography;
using Cairn.Compat.Tests.Clients;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.S3;

/// <summary>
/// restic (apt) with an S3 repository on Cairn: <c>init</c> creates the bucket and the repository, <c>backup</c> stores
/// a tree (small files and one of 24 MB, so packs of several MiB), <c>check --read-data</c> reads every pack back,
/// <c>restore</c> brings the tree back byte for byte.
/// </summary>
public sealed class ResticTests(ITestOutputHelper output) : CompatTest(output)
{
    [Fact]
    public async Task Restic_InitBackupCheckReadDataRestore_RoundTrips()
    {
        var (keyId, secret) = await S3Keys.CreateAsync(Server);
        var source = NewDirectory("source");
        LocalTree.Write(source);
        RandomFile.Write(Path.Combine(source, "big.bin"), 24_000_000, 17);
        var environment = new Dictionary<string, string>
        {
            ["RESTIC_REPOSITORY"] = $"s3:{Server.BaseUrl}/{BucketName}",
            ["RESTIC_PASSWORD"] = "correct horse battery staple",
            ["AWS_ACCESS_KEY_ID"] = keyId,
            ["AWS_SECRET_ACCESS_KEY"] = secret,
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["RESTIC_CACHE_DIR"] = NewDirectory("cache"),
            ["HOME"] = TempDir,
        };

        await ResticAsync(environment, "init");
        await ResticAsync(environment, "backup", source);
        var check = await ResticAsync(environment, "check", "--read-data");
        Assert.Contains("no errors were found", check.StdoutAndStderr);
        var target = NewDirectory("restored");
        await ResticAsync(environment, "restore", "latest", "--target", target);

        var restoredRoot = Path.Combine(target, source.TrimStart('/'));
        var expected = Directory.GetFiles(source, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(source, f)).Order(StringComparer.Ordinal).ToList();
        var actual = Directory.GetFiles(restoredRoot, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(restoredRoot, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        foreach (var file in expected)
        {
            Assert.True(SHA256.HashData(File.ReadAllBytes(Path.Combine(source, file))).AsSpan().SequenceEqual(SHA256.HashData(File.ReadAllBytes(Path.Combine(restoredRoot, file)))), file);
        }
    }

    private async Task<ProcessResult> ResticAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("restic", arguments, environment, timeout: TimeSpan.FromMinutes(5),
            missingHint: "restic is missing (apt-get install restic); the compatibility tests never skip.", log: Output);
        return result.EnsureSuccess();
    }
}
