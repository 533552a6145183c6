using System.Net;
using Cairn.Server.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;
using static Cairn.Server.Tests.B2.Keys.KeyCalls;

namespace Cairn.Server.Tests.OAuth;

/// <summary>
/// The C# MCP SDK's own OAuth client, given only the URL of /mcp: it finds the metadata from the 401, registers, sends
/// the person to the consent page (here: the form posted as a person would), trades the code with PKCE and calls tools.
/// </summary>
public class SdkOAuthClientTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private static readonly string[] ReadOnly = ["listBuckets", "listFiles", "readFiles"];

    [Fact]
    public async Task CSharpSdkClient_WithOnlyTheUrl_SignsInThroughTheConsentPage_AndCallsTools()
    {
        var master = await fixture.SessionAsync(4);
        var key = await CreateAsync(master, ["listBuckets", "listFiles", "readFiles", "writeFiles"], version: 4);
        using var agent = new OAuthAgent(fixture.Server);
        var consents = 0;
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(agent.Resource),
            TransportMode = HttpTransportMode.StreamableHttp,
            OAuth = new ClientOAuthOptions
            {
                RedirectUri = new Uri(OAuthAgent.RedirectUri),
                DynamicClientRegistration = new DynamicClientRegistrationOptions { ClientName = "C# SDK agent" },
                AuthorizationCallbackHandler = async (context, cancellationToken) =>
                {
                    var authorizationUri = context.AuthorizationUri;
                    using var page = await agent.Http.GetAsync(authorizationUri, cancellationToken);
                    Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                    Assert.Contains("C# SDK agent", await page.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);
                    var parameters = QueryHelpers.ParseQuery(authorizationUri.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
                    using var consent = await agent.PostConsentAsync(parameters, Id(key), Secret(key), ReadOnly);
                    consents++;
                    var answer = OAuthAgent.RedirectQuery(consent);
                    return new AuthorizationResult { Code = answer["code"], State = answer["state"] };
                },
            },
        });

        await using var client = await McpClient.CreateAsync(transport);
        var tools = (await client.ListToolsAsync()).Select(t => t.Name).Order().ToList();
        var buckets = await client.CallToolAsync("list_buckets", new Dictionary<string, object?>());

        Assert.Equal(1, consents);
        Assert.Equal(["call_operation", "describe_operation", "download_file", "get_file_info", "get_lifecycle_rules", "list_buckets", "list_files", "list_parts", "search_operations"], tools);
        Assert.False(buckets.IsError == true);
    }
}
