using System.Security.Cryptography;
using System.Text;
using Cairn.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Cairn.Compat.Tests.Browser;

/// <summary>
/// The web console in a real browser: headless Chromium opens the server's root URL, signs in with an application key
/// and drives the pages the way a person does — labels, buttons, file pickers — against a real server on loopback.
/// Every test also requires that the page logged no error. Parts are 5 MB, so a 30 MB upload goes in parts.
/// </summary>
public sealed class ConsoleBrowserTests(ITestOutputHelper output) : CompatTest(output)
{
    private ConsoleBrowser? _browser;

    private ConsoleBrowser Browser => _browser ?? throw new InvalidOperationException("no browser");

    private IPage Page => Browser.Page;

    protected override Task<CairnServer> StartServerAsync() => CairnServer.StartAsync(settings: FiveMegabyteParts);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _browser = await ConsoleBrowser.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Root_AnApiClientStillGetsJson_ABrowserGetsTheConsole()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var api = await http.GetAsync(Server.BaseUrl + "/");
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
        var bare = await http.GetAsync(Server.BaseUrl + "/console");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/console/", bare.Headers.Location?.OriginalString);
        var script = await http.GetAsync(Server.BaseUrl + "/console/js/app.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", script.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(Server.BaseUrl + "/console/js/nothing.js")).StatusCode);

        await Page.GotoAsync(Server.BaseUrl + "/");
        Assert.EndsWith("/console/", Page.Url, StringComparison.Ordinal);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Cairn" })).ToBeVisibleAsync();
        AssertNoBrowserErrors();
    }

    [Fact]
    public async Task InMemory_TheConsoleIsServedAndSignsIn()
    {
        await using var memory = await CairnServer.StartAsync(inMemory: true);
        await Browser.SignInAsync(memory.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Buckets", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByText("No buckets yet.")).ToBeVisibleAsync();
        AssertNoBrowserErrors();
    }

    [Fact]
    public async Task SignIn_WithAWrongKey_SaysSoClearly()
    {
        await Browser.SignInAsync(Server.BaseUrl, CairnServer.MasterKeyId, "K000notTheRightKeyAtAll");

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("key id or application key is wrong");
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" })).ToBeHiddenAsync();
        // A 401 from the API shows as a failed resource load in the console; that one is the point of this test.
        Assert.All(Browser.Errors, e => Assert.Contains("401", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_KeepsTheTokenButNeverTheKey()
    {
        await Browser.SignInAsync(Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Buckets" })).ToBeVisibleAsync();

        var stored = await Page.EvaluateAsync<string>("() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage) + document.documentElement.outerHTML");
        Assert.DoesNotContain(CairnServer.MasterKey, stored, StringComparison.Ordinal);
        Assert.Contains("authorizationToken", stored, StringComparison.Ordinal);
        AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Bucket_CreateUploadSmallAndLargeBrowseAndDownload_ReturnsTheSameBytes()
    {
        await Browser.SignInAsync(Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey);
        await Page.GetByLabel("Bucket name").FillAsync(BucketName);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create bucket" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = BucketName, Exact = true })).ToBeVisibleAsync();

        var small = Encoding.UTF8.GetBytes("hello from the console\n");
        var large = RandomNumberGenerator.GetBytes(30_000_000);
        var smallPath = Path.Combine(TempDir, "small.txt");
        var largePath = Path.Combine(TempDir, "large.bin");
        await File.WriteAllBytesAsync(smallPath, small);
        await File.WriteAllBytesAsync(largePath, large);

        // Record every value the large file's progress bar takes on its way to the end.
        await Page.EvaluateAsync("""
            () => {
              window.largeProgress = [];
              new MutationObserver((changes) => {
                for (const c of changes) {
                  if (c.target.matches("li[data-name='large.bin'] progress")) window.largeProgress.push(c.target.value);
                }
              }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["value"] });
            }
            """);
        await Page.Locator("#upload-input").SetInputFilesAsync([smallPath, largePath]);

        var largeUpload = Page.Locator("li[data-name='large.bin']");
        await Expect(largeUpload).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 300_000 });
        await Expect(largeUpload).ToHaveAttributeAsync("data-parts", "6");
        await Expect(Page.Locator("li[data-name='small.txt']")).ToHaveAttributeAsync("data-state", "done");
        var progress = largeUpload.Locator("progress");
        Assert.Equal(large.Length, await progress.EvaluateAsync<double>("p => p.max"));
        Assert.Equal(large.Length, await progress.EvaluateAsync<double>("p => p.value"));
        // Each finished part moves the bar, so it passed through at least five values between empty and full.
        var seen = await Page.EvaluateAsync<double[]>("() => window.largeProgress");
        Assert.True(seen.Count(v => v > 0 && v < large.Length) >= 5, $"progress values: {string.Join(", ", seen)}");

        // The large file was stored as a large file (whose parts have SHA-1s, the whole file none).
        using var session = await B2Session.AuthorizeAsync(Server);
        var names = await session.CallAsync("b2_list_file_names", new { bucketId = await BucketIdAsync(session), startFileName = "large.bin", maxFileCount = 1 });
        var stored = names.GetProperty("files")[0];
        Assert.Equal("large.bin", stored.GetProperty("fileName").GetString());
        Assert.Equal(large.Length, stored.GetProperty("contentLength").GetInt64());
        Assert.Equal("none", stored.GetProperty("contentSha1").GetString());

        Assert.Equal(small, await DownloadAsync("small.txt"));
        Assert.Equal(large, await DownloadAsync("large.bin"));
        AssertNoBrowserErrors();
    }

    [Fact]
    public async Task LargeUpload_RetriesAFailedPart_AndPausesAndResumes()
    {
        using var session = await B2Session.AuthorizeAsync(Server);
        await session.CreateBucketAsync(BucketName);
        var retried = RandomNumberGenerator.GetBytes(15_000_000);
        var paused = RandomNumberGenerator.GetBytes(15_000_000);
        await File.WriteAllBytesAsync(Path.Combine(TempDir, "retried.bin"), retried);
        await File.WriteAllBytesAsync(Path.Combine(TempDir, "paused.bin"), paused);

        // The network, as the page sees it: part 2 of retried.bin fails until the test lets it through; part 3 of
        // paused.bin is held (never answered) until the test lets it through.
        var failPart2 = true;
        var holdPart3 = true;
        var held = new TaskCompletionSource();
        var fileIds = new Dictionary<string, string>();
        await Page.RouteAsync("**/b2_upload_part/**", async route =>
        {
            var part = route.Request.Headers.GetValueOrDefault("x-bz-part-number");
            var fileId = new Uri(route.Request.Url).Segments[4].TrimEnd('/');
            if (part == "2" && fileId == fileIds.GetValueOrDefault("retried.bin") && Volatile.Read(ref failPart2))
            {
                await route.AbortAsync("connectionreset");
            }
            else if (part == "3" && fileId == fileIds.GetValueOrDefault("paused.bin") && Volatile.Read(ref holdPart3))
            {
                held.TrySetResult();
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await Page.RouteAsync("**/b2_start_large_file", async route =>
        {
            var response = await route.FetchAsync();
            var body = System.Text.Json.JsonDocument.Parse(await response.TextAsync()).RootElement;
            lock (fileIds)
            {
                fileIds[body.GetProperty("fileName").GetString()!] = body.GetProperty("fileId").GetString()!;
            }
            await route.FulfillAsync(new() { Response = response });
        });

        await Browser.SignInAsync(Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey);
        await Page.GetByRole(AriaRole.Link, new() { Name = BucketName, Exact = true }).ClickAsync();

        // Part 2 fails on every attempt: the upload stops as failed, with a Retry button that sends only what is missing.
        await Page.Locator("#upload-input").SetInputFilesAsync(Path.Combine(TempDir, "retried.bin"));
        var retriedUpload = Page.Locator("li[data-name='retried.bin']");
        await Expect(retriedUpload).ToHaveAttributeAsync("data-state", "failed", new() { Timeout = 120_000 });
        await Expect(retriedUpload).ToContainTextAsync("Failed");
        Volatile.Write(ref failPart2, false);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Retry retried.bin" }).ClickAsync();
        await Expect(retriedUpload).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 120_000 });

        // Part 3 hangs: pause while it does, then resume, and the part is sent again.
        await Page.Locator("#upload-input").SetInputFilesAsync(Path.Combine(TempDir, "paused.bin"));
        var pausedUpload = Page.Locator("li[data-name='paused.bin']");
        await held.Task.WaitAsync(TimeSpan.FromSeconds(120));
        await Expect(pausedUpload).ToContainTextAsync("2 of 3 parts", new() { Timeout = 120_000 });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pause paused.bin" }).ClickAsync();
        await Expect(pausedUpload).ToHaveAttributeAsync("data-state", "paused");
        await Expect(pausedUpload).ToContainTextAsync("Paused (2 of 3 parts uploaded)");
        Volatile.Write(ref holdPart3, false);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Resume paused.bin" }).ClickAsync();
        await Expect(pausedUpload).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 120_000 });

        Assert.Equal(retried, await DownloadAsync("retried.bin"));
        Assert.Equal(paused, await DownloadAsync("paused.bin"));
        // The parts the test's network refused show as failed loads of b2_upload_part; nothing else.
        Assert.All(Browser.Errors, e => Assert.Contains("b2_upload_part", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Files_BrowseFoldersAndFilterByPrefix()
    {
        using var session = await B2Session.AuthorizeAsync(Server);
        var bucketId = await session.CreateBucketAsync(BucketName);
        foreach (var name in new[] { "top.txt", "photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "docs/readme.md" })
        {
            await session.UploadAsync(bucketId, name, Encoding.UTF8.GetBytes(name));
        }
        await Browser.SignInAsync(Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey);
        await Page.GetByRole(AriaRole.Link, new() { Name = BucketName, Exact = true }).ClickAsync();

        var files = Page.Locator("#files tbody");
        await Expect(files.Locator("tr")).ToHaveCountAsync(3); // docs/, photos/, top.txt
        await files.GetByRole(AriaRole.Link, new() { Name = "photos/" }).ClickAsync();
        await Expect(files.GetByRole(AriaRole.Link, new() { Name = "2024/" })).ToBeVisibleAsync();
        await files.GetByRole(AriaRole.Link, new() { Name = "2024/" }).ClickAsync();
        await Expect(files.Locator("tr.file")).ToHaveCountAsync(2);
        await Expect(Page.Locator(".crumbs [aria-current]")).ToHaveTextAsync("2024");

        await Page.GetByLabel("Filter by name prefix").FillAsync("b");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        await Expect(files.Locator("tr.file")).ToHaveCountAsync(1);
        await Expect(files.Locator("tr.file th")).ToHaveTextAsync("b.jpg");

        await Page.Locator(".crumbs").GetByRole(AriaRole.Link, new() { Name = "photos" }).ClickAsync();
        await Expect(files.GetByRole(AriaRole.Link, new() { Name = "2025/" })).ToBeVisibleAsync();
        AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Versions_HideUnhideAndDelete()
    {
        using var session = await B2Session.AuthorizeAsync(Server);
        var bucketId = await session.CreateBucketAsync(BucketName);
        await session.UploadAsync(bucketId, "notes.txt", Encoding.UTF8.GetBytes("first"));
        await session.UploadAsync(bucketId, "notes.txt", Encoding.UTF8.GetBytes("second"));
        await Browser.SignInAsync(Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey);
        await Page.GetByRole(AriaRole.Link, new() { Name = BucketName, Exact = true }).ClickAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Hide notes.txt" }).ClickAsync();
        await Expect(Page.Locator("#files tbody")).ToContainTextAsync("This folder is empty.");
        Assert.Equal(3, await VersionCountAsync(session, bucketId));

        await Page.GetByLabel("Show all versions and hidden files").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Versions notes.txt" }).First.ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("tr.version")).ToHaveCountAsync(3);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Unhide" }).ClickAsync();
        await Expect(dialog.Locator("tr.version")).ToHaveCountAsync(2);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete version" }).Last.ClickAsync();
        await Expect(dialog.Locator("tr.version")).ToHaveCountAsync(1);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        Assert.Equal(1, await VersionCountAsync(session, bucketId));
        await Page.GetByLabel("Show all versions and hidden files").UncheckAsync();
        Assert.Equal("second"u8.ToArray(), await DownloadAsync("notes.txt"));
        AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Keys_CreateShowsTheSecretOnceThenDelete()
    {
        await Browser.SignInAsync(Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Keys", Exact = true }).ClickAsync();
        await Page.GetByLabel("Key name").FillAsync("console-made");
        await Page.GetByLabel("Expires after (days)").FillAsync("7");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        var keyId = await ReadTextAsync("#new-key-id");
        var secret = await ReadTextAsync("#new-key-secret");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Copy key" })).ToBeVisibleAsync();
        using (var made = await B2Session.AuthorizeAsync(Server, keyId: keyId, key: secret))
        {
            Assert.False(string.IsNullOrEmpty(made.Token));
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete key console-made" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete key" }).ClickAsync();
        await Expect(Page.Locator("tr.key[data-key-name='console-made']")).ToHaveCountAsync(0);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => B2Session.AuthorizeAsync(Server, keyId: keyId, key: secret));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Settings_EditALifecycleRule_AndSeeTheServersMessageInPlace()
    {
        using var session = await B2Session.AuthorizeAsync(Server);
        var bucketId = await session.CreateBucketAsync(BucketName);
        await Browser.SignInAsync(Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey);
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Settings of {BucketName}" }).ClickAsync();

        var lifecycle = Page.Locator("#lifecycle");
        await lifecycle.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await lifecycle.GetByLabel("File name prefix of rule 1").FillAsync("logs/");
        await lifecycle.GetByLabel("Days from uploading to hiding of rule 1").FillAsync("30");
        await lifecycle.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(lifecycle.Locator(".ok")).ToHaveTextAsync("Saved.");

        var rules = (await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId, bucketId })).GetProperty("buckets")[0].GetProperty("lifecycleRules");
        Assert.Equal("logs/", rules[0].GetProperty("fileNamePrefix").GetString());
        Assert.Equal(30, rules[0].GetProperty("daysFromUploadingToHiding").GetInt32());

        // Edit it into a rule the server refuses: its message shows next to the lifecycle rules.
        await lifecycle.GetByLabel("Days from uploading to hiding of rule 1").FillAsync("0");
        await lifecycle.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(lifecycle.GetByRole(AriaRole.Alert)).ToContainTextAsync("must be positive");
        // The failed save is a 400 in the console's resource log; nothing else.
        Assert.All(Browser.Errors, e => Assert.Contains("400", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RestrictedKey_SeesOnlyItsBucketAndPrefix()
    {
        using var session = await B2Session.AuthorizeAsync(Server);
        var bucketId = await session.CreateBucketAsync(BucketName);
        var otherId = await session.CreateBucketAsync(BucketName + "-other");
        await session.UploadAsync(bucketId, "team/plan.txt", "plan"u8.ToArray());
        await session.UploadAsync(bucketId, "secret/pay.txt", "pay"u8.ToArray());
        var key = await session.CallAsync("b2_create_key", new
        {
            accountId = session.AccountId,
            keyName = "team-only",
            bucketId,
            namePrefix = "team/",
            capabilities = new[] { "listBuckets", "listFiles", "readFiles", "writeFiles" },
        });

        await Browser.SignInAsync(Server.BaseUrl, key.GetProperty("applicationKeyId").GetString()!, key.GetProperty("applicationKey").GetString()!);
        var buckets = Page.Locator("table tbody tr");
        await Expect(buckets).ToHaveCountAsync(1);
        await Expect(buckets).ToContainTextAsync(BucketName);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Create a bucket" })).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Link, new() { Name = BucketName, Exact = true }).ClickAsync();
        var files = Page.Locator("#files tbody");
        await Expect(files.Locator("tr.file")).ToHaveCountAsync(1);
        await Expect(files).ToContainTextAsync("plan.txt");
        await Expect(files).Not.ToContainTextAsync("pay.txt");
        AssertNoBrowserErrors();

        // Typing the other bucket's address gets the server's refusal, shown in place.
        await Page.GotoAsync(Server.BaseUrl + $"/console/#/buckets/{otherId}");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(Page.Locator("#files")).ToHaveCountAsync(0);
        Assert.All(Browser.Errors, e => Assert.Contains("401", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Buckets_CreateThenDelete_AndTheServersMessageForATakenName()
    {
        using var session = await B2Session.AuthorizeAsync(Server);
        await session.CreateBucketAsync(BucketName + "-taken");
        await Browser.SignInAsync(Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey);

        await Page.GetByLabel("Bucket name").FillAsync(BucketName + "-taken");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create bucket" }).ClickAsync();
        await Expect(Page.Locator("form[aria-labelledby='create-bucket']").GetByRole(AriaRole.Alert)).ToContainTextAsync("duplicate_bucket_name");

        await Page.GetByLabel("Bucket name").FillAsync(BucketName);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create bucket" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = BucketName, Exact = true })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Buckets", Exact = true }).First.ClickAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Delete {BucketName}", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete bucket" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = BucketName, Exact = true })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = BucketName + "-taken", Exact = true })).ToBeVisibleAsync();
        var left = (await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId })).GetProperty("buckets");
        Assert.Equal([BucketName + "-taken"], left.EnumerateArray().Select(b => b.GetProperty("bucketName").GetString()));
        // The refused create is a 400 in the console's resource log; nothing else.
        Assert.All(Browser.Errors, e => Assert.Contains("400", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Files_AFolderOfMoreThanAPage_PagesForwardAndBack()
    {
        using var session = await B2Session.AuthorizeAsync(Server);
        var bucketId = await session.CreateBucketAsync(BucketName);
        for (var i = 0; i < 105; i++)
        {
            await session.UploadAsync(bucketId, $"many/file-{i:D3}.txt", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        await Browser.SignInAsync(Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey);
        await Page.GetByRole(AriaRole.Link, new() { Name = BucketName, Exact = true }).ClickAsync();
        var files = Page.Locator("#files tbody");
        await files.GetByRole(AriaRole.Link, new() { Name = "many/" }).ClickAsync();

        await Expect(files.Locator("tr.file")).ToHaveCountAsync(100);
        await Expect(files.Locator("tr.file th").First).ToHaveTextAsync("file-000.txt");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Previous page" })).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(files.Locator("tr.file")).ToHaveCountAsync(5);
        await Expect(files.Locator("tr.file th").First).ToHaveTextAsync("file-100.txt");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Previous page" }).ClickAsync();
        await Expect(files.Locator("tr.file")).ToHaveCountAsync(100);
        await Expect(files.Locator("tr.file th").Last).ToHaveTextAsync("file-099.txt");
        AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Files_InfoShowsTheSha1_AndCopyMakesANewFile()
    {
        using var session = await B2Session.AuthorizeAsync(Server);
        var bucketId = await session.CreateBucketAsync(BucketName);
        var content = Encoding.UTF8.GetBytes("quarterly numbers\n");
        await session.UploadAsync(bucketId, "report.txt", content);
        await Browser.SignInAsync(Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey);
        await Page.GetByRole(AriaRole.Link, new() { Name = BucketName, Exact = true }).ClickAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Info report.txt" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync(B2Session.Sha1Hex(content));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Copy report.txt" }).ClickAsync();
        await dialog.GetByLabel("New file name").FillAsync("report-copy.txt");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Copy", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#files tr.file")).ToHaveCountAsync(2);
        Assert.Equal(content, await DownloadAsync("report-copy.txt"));
        AssertNoBrowserErrors();
    }

    /// <summary>
    /// Walks the main pages (light, dark and narrow) and takes a screenshot of each: into the directory named by
    /// CAIRN_CONSOLE_SCREENSHOTS when set (docs/console is made this way), else into the test's temp directory.
    /// </summary>
    [Fact]
    public async Task MainPages_RenderWithoutErrors_InLightDarkAndNarrow()
    {
        var target = Environment.GetEnvironmentVariable("CAIRN_CONSOLE_SCREENSHOTS") is { Length: > 0 } dir ? Directory.CreateDirectory(dir).FullName : NewDirectory("screenshots");
        using var session = await B2Session.AuthorizeAsync(Server);
        var bucketId = await session.CreateBucketAsync("photos-2026");
        await session.CreateBucketAsync("backups");
        foreach (var name in new[] { "index.html", "albums/summer/beach.jpg", "albums/winter/snow.jpg", "raw/IMG_0001.CR3", "notes.txt" })
        {
            await session.UploadAsync(bucketId, name, RandomNumberGenerator.GetBytes(name.Length * 1000));
        }
        await session.CallAsync("b2_update_bucket", new
        {
            accountId = session.AccountId,
            bucketId,
            lifecycleRules = new[] { new { fileNamePrefix = "raw/", daysFromUploadingToHiding = (int?)90, daysFromHidingToDeleting = (int?)30 } },
        });
        await session.CallAsync("b2_create_key", new { accountId = session.AccountId, keyName = "laptop-backup", bucketId, capabilities = new[] { "listFiles", "readFiles", "writeFiles" } });

        await Page.GotoAsync(Server.BaseUrl + "/console/");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Cairn" })).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = Path.Combine(target, "sign-in.png") });
        await Browser.SignInAsync(Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "backups", Exact = true })).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = Path.Combine(target, "buckets.png"), FullPage = true });

        await Page.GetByRole(AriaRole.Link, new() { Name = "photos-2026", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#files tr.file")).ToHaveCountAsync(2);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(target, "files.png"), FullPage = true });

        await Page.GotoAsync(Server.BaseUrl + $"/console/#/buckets/{bucketId}/settings");
        await Expect(Page.Locator("#lifecycle tr.rule")).ToHaveCountAsync(1);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(target, "settings.png"), FullPage = true });

        await Page.GotoAsync(Server.BaseUrl + "/console/#/keys");
        await Expect(Page.Locator("tr.key[data-key-name='laptop-backup']")).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = Path.Combine(target, "keys.png"), FullPage = true });

        await Page.GetByRole(AriaRole.Link, new() { Name = "Account", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "The signed-in key" })).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = Path.Combine(target, "account.png"), FullPage = true });

        await Page.GetByRole(AriaRole.Link, new() { Name = "Agents", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create agent token" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status, new() { Name = "Agent token" })).ToBeVisibleAsync();

        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Page.GotoAsync(Server.BaseUrl + $"/console/#/buckets/{bucketId}?prefix=albums%2F");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "summer/" })).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = Path.Combine(target, "files-dark.png"), FullPage = true });

        await Page.SetViewportSizeAsync(390, 800);
        await Page.GotoAsync(Server.BaseUrl + "/console/#/buckets");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "backups", Exact = true })).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = Path.Combine(target, "buckets-narrow.png"), FullPage = true });
        AssertNoBrowserErrors();
    }

    private async Task<string> BucketIdAsync(B2Session session) =>
        (await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId, bucketName = BucketName }))
            .GetProperty("buckets")[0].GetProperty("bucketId").GetString()!;

    private static async Task<int> VersionCountAsync(B2Session session, string bucketId) =>
        (await session.CallAsync("b2_list_file_versions", new { bucketId })).GetProperty("files").GetArrayLength();

    private async Task<string> ReadTextAsync(string selector)
    {
        await Expect(Page.Locator(selector)).ToBeVisibleAsync();
        return (await Page.Locator(selector).TextContentAsync())!.Trim();
    }

    /// <summary>Clicks a file's Download button and reads the file the browser saved.</summary>
    private async Task<byte[]> DownloadAsync(string fileName)
    {
        var download = await Page.RunAndWaitForDownloadAsync(() =>
            Page.GetByRole(AriaRole.Button, new() { Name = "Download " + fileName, Exact = true }).ClickAsync());
        var path = Path.Combine(TempDir, "downloaded-" + Guid.NewGuid().ToString("N"));
        await download.SaveAsAsync(path);
        Assert.Equal(fileName, download.SuggestedFilename);
        return await File.ReadAllBytesAsync(path);
    }

    private void AssertNoBrowserErrors() => Assert.Empty(Browser.Errors);
}
