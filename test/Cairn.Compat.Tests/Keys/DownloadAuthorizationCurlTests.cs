using System.Text;
using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Keys;

/// <summary>Download authorization tokens in the query string, as curl (and blazer, rclone links) send them.</summary>
public class DownloadAuthorizationCurlTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Curl_DownloadTokenInQuery_OpensItsPrefixOnly()
    {
        await using var server = await CairnServer.StartAsync(inMemory: true);
        using var master = await B2Session.AuthorizeAsync(server, 2);
        var bucketId = await master.CreateBucketAsync("curl-shared");
        await master.UploadAsync(bucketId, "public/report.txt", Encoding.UTF8.GetBytes("quarterly numbers"));
        await master.UploadAsync(bucketId, "secret/plan.txt", Encoding.UTF8.GetBytes("do not share"));
        var grant = await master.CallAsync("b2_get_download_authorization", new { bucketId, fileNamePrefix = "public/", validDurationInSeconds = 60 });
        var token = Uri.EscapeDataString(grant.GetProperty("authorizationToken").GetString()!);

        var inside = await CurlAsync($"{server.BaseUrl}/file/curl-shared/public/report.txt?Authorization={token}");
        Assert.Equal(0, inside.ExitCode);
        Assert.Equal("quarterly numbers\n200", inside.Stdout);

        var outside = await CurlAsync($"{server.BaseUrl}/file/curl-shared/secret/plan.txt?Authorization={token}");
        Assert.EndsWith("401", outside.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"unauthorized\"", outside.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("do not share", outside.Stdout, StringComparison.Ordinal);

        var anonymous = await CurlAsync($"{server.BaseUrl}/file/curl-shared/public/report.txt");
        Assert.EndsWith("401", anonymous.Stdout, StringComparison.Ordinal);
    }

    private Task<ProcessResult> CurlAsync(string url) =>
        ProcessRunner.RunAsync("/usr/bin/curl", ["-sS", "-w", "\n%{http_code}", url], timeout: TimeSpan.FromSeconds(30),
            missingHint: "curl is not installed (apt-get install curl); the compatibility tests never skip.", log: output);
}
