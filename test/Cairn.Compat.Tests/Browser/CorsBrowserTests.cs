using System.Text;
using System.Text.RegularExpressions;
using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Browser;

/// <summary>
/// Bucket CORS rules seen by a real browser: headless Chromium loads a page from another loopback origin whose script
/// downloads a file from Cairn with fetch — a simple GET, and one with a Range header that needs a preflight.
/// One rule set lets it through; another blocks it.
/// </summary>
public sealed partial class CorsBrowserTests(ITestOutputHelper output) : CompatTest(output)
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Content = "hello from cairn";

    [Fact]
    public async Task Fetch_FromAnOriginTheRulesAllow_ReadsTheFile()
    {
        await using var page = await PageServer.StartAsync();
        var (session, bucketId) = await BucketWithFileAsync();
        await SetRulesAsync(session, bucketId, page.Origin);

        var result = await RunBrowserAsync(page, $"{Server.BaseUrl}/file/{BucketName}/hello.txt");

        Assert.Equal($"simple=ok:{Content};ranged=ok:{Content[..5]}", result);
    }

    [Fact]
    public async Task Fetch_FromAnOriginTheRulesDoNotAllow_IsBlocked()
    {
        await using var page = await PageServer.StartAsync();
        var (session, bucketId) = await BucketWithFileAsync();
        await SetRulesAsync(session, bucketId, "https://somewhere-else.example");

        var result = await RunBrowserAsync(page, $"{Server.BaseUrl}/file/{BucketName}/hello.txt");

        Assert.Equal("simple=blocked;ranged=blocked", result);
    }

    private async Task<(B2Session Session, string BucketId)> BucketWithFileAsync()
    {
        var session = await B2Session.AuthorizeAsync(Server);
        var bucketId = await session.CreateBucketAsync(BucketName, "allPublic");
        await session.UploadAsync(bucketId, "hello.txt", Encoding.UTF8.GetBytes(Content), "text/plain");
        return (session, bucketId);
    }

    private static async Task SetRulesAsync(B2Session session, string bucketId, string origin) =>
        await session.CallAsync("b2_update_bucket", new
        {
            accountId = session.AccountId,
            bucketId,
            corsRules = new[]
            {
                new
                {
                    corsRuleName = "browserTest",
                    allowedOrigins = new[] { origin },
                    allowedOperations = new[] { "b2_download_file_by_name" },
                    allowedHeaders = new[] { "range" },
                    exposeHeaders = new[] { "x-bz-content-sha1" },
                    maxAgeSeconds = 60,
                },
            },
        });

    private async Task<string> RunBrowserAsync(PageServer page, string fileUrl)
    {
        page.FileUrl = fileUrl;
        var profile = NewDirectory("chromium-profile");
        var result = await ProcessRunner.RunAsync(Chromium,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile}",
            "--virtual-time-budget=15000", "--dump-dom", page.Origin + "/page.html",
        ], timeout: TimeSpan.FromSeconds(60), missingHint: "chromium is not installed (apt-get install chromium); the browser tests never skip.");
        var match = ResultRegex().Match(result.Stdout);
        Assert.True(match.Success, "the page did not report a result:\n" + result.Describe());
        return match.Groups[1].Value;
    }

    [GeneratedRegex("<pre id=\"result\">([^<]*)</pre>")]
    private static partial Regex ResultRegex();

    /// <summary>A second origin on loopback serving the page whose script calls Cairn.</summary>
    private sealed class PageServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private PageServer(WebApplication app)
        {
            _app = app;
            Origin = app.Urls.First().TrimEnd('/');
        }

        public string Origin { get; }

        public string FileUrl { get; set; } = "";

        public static async Task<PageServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            PageServer? self = null;
            app.MapGet("/page.html", (HttpContext http) =>
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                return http.Response.WriteAsync(Page(self!.FileUrl));
            });
            await app.StartAsync();
            self = new PageServer(app);
            return self;
        }

        private static string Page(string fileUrl) => $$"""
            <!doctype html>
            <html><body><pre id="result">pending</pre>
            <script>
            async function attempt(init) {
              try {
                const response = await fetch("{{fileUrl}}", init);
                return "ok:" + await response.text();
              } catch (e) {
                return "blocked";
              }
            }
            (async () => {
              const simple = await attempt({});
              const ranged = await attempt({ headers: { "Range": "bytes=0-4" } });
              document.getElementById("result").textContent = "simple=" + simple + ";ranged=" + ranged;
            })();
            </script></body></html>
            """;

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
