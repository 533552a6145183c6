using System.Net;
using System.Net.Sockets;
using System.Web;
using Cairn.Compat.Tests.Browser;
using Cairn.Testing;
using Microsoft.Playwright;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Cairn.Compat.Tests.Mcp;

/// <summary>
/// The whole OAuth flow as a person sees it: the C# MCP SDK client has only the URL of /mcp and a loopback redirect
/// listener (as desktop MCP clients do); the person operates the consent page in headless Chromium — signs in with a
/// key, finds read-only preselected, narrows to one bucket, approves — and later revokes the agent on the grants page.
/// </summary>
public sealed class McpConsentBrowserTests(ITestOutputHelper output) : CompatTest(output)
{
    private static readonly string[] ReadOnly = ["listBuckets", "listFiles", "readFiles"];

    [Fact]
    public async Task ConsentPageInChromium_ApprovesANarrowedGrant_AndTheGrantsPageRevokesIt()
    {
        using var master = await B2Session.AuthorizeAsync(Server, 4);
        var bucketId = await master.CreateBucketAsync(BucketName);
        await master.CreateBucketAsync(BucketName + "-other");
        var key = await master.CallAsync("b2_create_key", new
        {
            accountId = master.AccountId,
            keyName = "person-in-chromium",
            capabilities = new[] { "listBuckets", "listFiles", "readFiles", "writeFiles", "deleteFiles" },
        });
        var (keyId, secret) = (key.GetProperty("applicationKeyId").GetString()!, key.GetProperty("applicationKey").GetString()!);
        await using var browser = await ConsoleBrowser.StartAsync();
        var page = browser.Page;
        var port = FreePort();
        var redirectUri = $"http://127.0.0.1:{port}/callback/";
        using var callback = new HttpListener();
        callback.Prefixes.Add(redirectUri);
        callback.Start();
        var consents = 0;
        string[]? preselected = null;

        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(Server.BaseUrl + "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            OAuth = new ClientOAuthOptions
            {
                RedirectUri = new Uri(redirectUri),
                DynamicClientRegistration = new DynamicClientRegistrationOptions { ClientName = "Browser-approved agent" },
                AuthorizationCallbackHandler = async (context, cancellationToken) =>
                {
                    Assert.Equal(0, consents++);
                    // The redirect listener answers at once, as a desktop client's does, so the browser's navigation ends.
                    var arrived = Task.Run(async () =>
                    {
                        var request = await callback.GetContextAsync();
                        var query = HttpUtility.ParseQueryString(request.Request.Url!.Query);
                        request.Response.StatusCode = 200;
                        await request.Response.OutputStream.WriteAsync("Signed in; you may close this window."u8.ToArray(), cancellationToken);
                        request.Response.Close();
                        return query;
                    }, cancellationToken);
                    await page.GotoAsync(context.AuthorizationUri.ToString());
                    await Expect(page.Locator("#client-name")).ToHaveTextAsync("Browser-approved agent");
                    await page.GetByLabel("Application key id").FillAsync(keyId);
                    await page.GetByLabel("Application key", new() { Exact = true }).FillAsync(secret);
                    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                    await Expect(page.Locator("#signed-in")).ToContainTextAsync("person-in-chromium");
                    preselected = await page.Locator("input[name=capability]:checked").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)");
                    await page.GetByLabel(BucketName, new() { Exact = true }).CheckAsync();
                    await page.GetByLabel("Access ends after").SelectOptionAsync("3600");
                    await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

                    var query = await arrived.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
                    await Expect(page.GetByText("Signed in; you may close this window.")).ToBeVisibleAsync();
                    return new AuthorizationResult { Code = query["code"], State = query["state"] };
                },
            },
        });
        await using var client = await McpClient.CreateAsync(transport);
        var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
        var inside = await client.CallToolAsync("list_files", new Dictionary<string, object?> { ["bucketId"] = bucketId });

        Assert.Equal(1, consents);
        Assert.Equal(ReadOnly, preselected!.Order().ToArray());
        Assert.DoesNotContain("upload_file", tools);
        Assert.False(inside.IsError == true);
        var buckets = await client.CallToolAsync("list_buckets", new Dictionary<string, object?>());
        var text = string.Concat(buckets.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(c => c.Text));
        Assert.Contains(BucketName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(BucketName + "-other", text, StringComparison.Ordinal);

        // The person revokes the agent on the grants page; its tokens stop working.
        await page.GotoAsync(Server.BaseUrl + "/oauth/grants");
        await page.GetByLabel("Application key id").FillAsync(keyId);
        await page.GetByLabel("Application key", new() { Exact = true }).FillAsync(secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show agents" }).ClickAsync();
        var row = page.Locator("#grants tbody tr", new() { HasText = "Browser-approved agent" });
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        // A browser asks every origin for /favicon.ico; neither the redirect listener nor Cairn's OAuth pages have one.
        var unexpected = browser.Errors.Where(e => !e.Contains("favicon.ico", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join('\n', unexpected));
        var grants = await master.CallAsync("b2_list_agent_grants", new { accountId = master.AccountId });
        Assert.Empty(grants.GetProperty("grants").EnumerateArray());
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
