using Microsoft.Playwright;

namespace Cairn.Compat.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven by Playwright (pointed at /usr/bin/chromium; no browser is downloaded), with one
/// page open on a Cairn server. Every console error and uncaught exception on the page is recorded, so a test can
/// require that there were none.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _errors = [];

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add("page error: " + error);
            }
        };
        page.SetDefaultTimeout(60_000);
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public static async Task<ConsoleBrowser> StartAsync(int width = 1280, int height = 860, string? colorScheme = null)
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException("chromium is not installed (apt-get install chromium); the browser tests never skip.");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        var page = await context.NewPageAsync();
        return new ConsoleBrowser(playwright, browser, context, page);
    }

    /// <summary>Opens the server's root URL as a browser does and signs in with a key.</summary>
    public async Task SignInAsync(string baseUrl, string keyId, string key)
    {
        await Page.GotoAsync(baseUrl + "/");
        await Page.GetByLabel("Application key ID").FillAsync(keyId);
        await Page.GetByLabel("Application key", new() { Exact = true }).FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
