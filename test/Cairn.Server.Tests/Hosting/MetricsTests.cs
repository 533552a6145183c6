using System.Net;
using System.Text;
using Cairn.Testing;

namespace Cairn.Server.Tests.Hosting;

/// <summary>/metrics serves Prometheus text: ASP.NET Core's request metrics, the runtime's, and Cairn's own counters.</summary>
public class MetricsTests
{
    [Fact]
    public async Task Metrics_AfterAnUploadAndADownload_CountThemInPrometheusFormat()
    {
        await using var server = await CairnServer.StartAsync(inMemory: true);
        using var session = await B2Session.AuthorizeAsync(server);
        var bucketId = await session.CreateBucketAsync("metrics-" + Guid.NewGuid().ToString("N")[..12]);
        var content = Encoding.UTF8.GetBytes(new string('m', 1234));
        var version = await session.UploadAsync(bucketId, "counted.txt", content);
        using (var download = await session.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={version.GetProperty("fileId").GetString()}"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        }

        // The exporter caches a scrape briefly; ask until the counters show (bounded).
        string text = "";
        for (var attempt = 0; attempt < 20 && !text.Contains("cairn_download", StringComparison.Ordinal); attempt++)
        {
            using var http = server.CreateClient();
            using var response = await http.GetAsync("metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            await Task.Delay(200);
        }

        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        // The Cairn meter is process-wide and other test classes upload in parallel, so these are lower bounds.
        Assert.True(Value(text, "cairn_files_stored") >= 1);
        Assert.True(Value(text, "cairn_upload_bytes") >= 1234);
        Assert.True(Value(text, "cairn_download_bytes") >= 1234);
    }

    /// <summary>The value of the first sample whose metric name starts with <paramref name="prefix"/>.</summary>
    private static double Value(string text, string prefix)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no {prefix} sample in:\n{text}");
        return double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
