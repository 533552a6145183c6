using System.Text.Json;
using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.S3;

/// <summary>
/// <c>@aws-sdk/client-s3</c> (installed by test.sh into Npm/s3node from its package-lock.json) with its default
/// checksums: a plain PUT, a stream body with its length (aws-chunked with a trailing checksum), lib-storage's
/// <c>Upload</c> of a stream in 5 MiB parts, reads, ranges, listing, delete markers, DeleteObjects over every version.
/// </summary>
public sealed class AwsSdkJsTests(ITestOutputHelper output) : CompatTest(output)
{
    private static readonly string NodeDirectory = Path.Combine(RepositoryRoot(), "test", "Cairn.Compat.Tests", "Npm", "s3node");

    protected override Task<CairnServer> StartServerAsync() => CairnServer.StartAsync(settings: FiveMegabyteParts);

    [Fact]
    public async Task ClientS3_StreamedAndMultipartUploads_RoundTrip()
    {
        var installed = Path.Combine(NodeDirectory, "node_modules", "@aws-sdk", "client-s3", "package.json");
        Assert.True(File.Exists(installed), $"@aws-sdk/client-s3 is not installed at {installed}: run ./test.sh (it runs npm ci there); the compatibility tests never skip.");
        var (keyId, secret) = await S3Keys.CreateAsync(Server);
        var result = await ProcessRunner.RunAsync("node", [Path.Combine(NodeDirectory, "aws_sdk_s3.mjs"), Server.BaseUrl, keyId, secret, BucketName],
            workingDirectory: NodeDirectory, timeout: TimeSpan.FromMinutes(5),
            missingHint: "node is missing (apt-get install nodejs npm); the compatibility tests never skip.");
        result.EnsureSuccess();
        Output.WriteLine(result.Stdout);
        var seen = JsonDocument.Parse(result.Stdout).RootElement;

        Assert.Equal(BucketName, seen.GetProperty("createBucket").GetString());
        var streamed = seen.GetProperty("streamed");
        Assert.Equal(streamed.GetProperty("expected").GetString(), streamed.GetProperty("etag").GetString());
        var multipart = seen.GetProperty("multipart");
        Assert.Contains("-", multipart.GetProperty("etag").GetString(), StringComparison.Ordinal);
        Assert.Equal(multipart.GetProperty("expected").GetString(), seen.GetProperty("getMultipart").GetProperty("md5").GetString());
        Assert.Equal((12 * 1024 * 1024) + 3, seen.GetProperty("getMultipart").GetProperty("length").GetInt64());
        var head = seen.GetProperty("head");
        Assert.Equal(37, head.GetProperty("length").GetInt32());
        Assert.Equal("text/plain", head.GetProperty("type").GetString());
        Assert.Equal("js", head.GetProperty("author").GetString());
        Assert.Equal("hello from the AWS SDK for JavaScript", seen.GetProperty("get").GetString());
        Assert.Equal("from", seen.GetProperty("range").GetString());
        Assert.Equal(["js/multipart.bin", "js/small.txt", "js/streamed.bin"], seen.GetProperty("list").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, seen.GetProperty("deleteMarkers").GetInt32());
        Assert.Equal(0, seen.GetProperty("deleteObjects").GetProperty("errors").GetInt32());
        Assert.Equal(4, seen.GetProperty("deleteObjects").GetProperty("deleted").GetInt32());
        Assert.Equal(BucketName, seen.GetProperty("deleteBucket").GetString());
    }

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
