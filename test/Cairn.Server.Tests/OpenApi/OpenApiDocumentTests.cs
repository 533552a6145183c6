using System.Net;
using System.Text.Json.Nodes;
using Cairn.B2.OpenApi;
using Cairn.Server.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Cairn.Server.Tests.OpenApi;

/// <summary>/openapi.json: public, valid OpenAPI 3.1, and in step with the route table.</summary>
public class OpenApiDocumentTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    [Fact]
    public async Task OpenApiJson_NeedsNoToken_AndPassesTheValidator()
    {
        using var response = await fixture.Http.GetAsync("openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var settings = new OpenApiReaderSettings();
        settings.AddJsonReader();
        var (document, diagnostic) = OpenApiDocument.Load(body, "json", settings);

        Assert.NotNull(document);
        Assert.NotNull(diagnostic);
        Assert.True(diagnostic.Errors.Count == 0, "reader errors:\n" + string.Join('\n', diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(errors.Count == 0, "validation errors:\n" + string.Join('\n', errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(fixture.Server.BaseUrl, document.Servers?.Single().Url);
    }

    [Fact]
    public void EveryRoute_IsDocumented()
    {
        var routes = fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/b2api/", StringComparison.Ordinal) || raw.StartsWith("/file/", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {RouteTemplates.FromRoutePattern(e.RoutePattern.RawText!)}"))
            .ToHashSet();
        var document = OpenApiDocumentBuilder.Build();
        var documented = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}"))
            .ToHashSet();

        Assert.NotEmpty(routes);
        var undocumented = routes.Except(documented).Order().ToList();
        var stale = documented.Except(routes).Order().ToList();
        Assert.True(undocumented.Count == 0, "add to B2Operations: " + string.Join(", ", undocumented));
        Assert.True(stale.Count == 0, "no route for: " + string.Join(", ", stale));
    }

    [Fact]
    public void EveryOperation_HasASummaryDescriptionAndErrors()
    {
        var document = OpenApiDocumentBuilder.Build();
        var ids = new HashSet<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                var operation = node!.AsObject();
                Assert.True(ids.Add(operation["operationId"]!.GetValue<string>()), $"duplicate operationId at {method} {path}");
                Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
                Assert.False(string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()), $"{method} {path} has no description");
                var responses = operation["responses"]!.AsObject();
                if (method != "options")
                {
                    Assert.Contains(responses, r => r.Key.StartsWith('4'));
                }
            }
        }
    }

    [Theory]
    [InlineData("upload a backup file", "b2_upload_file")]
    [InlineData("list files under a prefix", "b2_list_file_names")]
    [InlineData("share private files", "b2_get_download_authorization")]
    [InlineData("download a file by name", "b2_download_file_by_name")]
    [InlineData("delete a file version", "b2_delete_file_version")]
    public void SearchByIntent_FindsTheOperation(string intent, string operationId)
    {
        // A crude stand-in for an agent platform's index: rank operations by how many of the intent's words their
        // summary (counted twice) and description contain.
        var words = intent.Split(' ').Where(w => w.Length > 2).ToList();
        var best = OpenApiDocumentBuilder.Build()["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => m.Value!.AsObject()))
            .Select(o => (Id: o["operationId"]!.GetValue<string>(), Summary: o["summary"]!.ToString().ToLowerInvariant(), Text: o["description"]!.ToString().ToLowerInvariant()))
            .OrderByDescending(o => words.Sum(w => (o.Summary.Contains(w, StringComparison.Ordinal) ? 2 : 0) + (o.Text.Contains(w, StringComparison.Ordinal) ? 1 : 0)))
            .ThenBy(o => o.Id.Contains('_', StringComparison.Ordinal) && (o.Id.EndsWith("_get", StringComparison.Ordinal) || o.Id.EndsWith("_head", StringComparison.Ordinal) || o.Id.EndsWith("_preflight", StringComparison.Ordinal)))
            .First();
        Assert.Equal(operationId, best.Id);
    }

    [Fact]
    public async Task Docs_AndLlmsTxt_NeedNoToken()
    {
        using var docs = await fixture.Http.GetAsync("docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("openapi.json", await docs.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var llms = await fixture.Http.GetStringAsync("llms.txt");
        Assert.Contains(fixture.Server.BaseUrl + "/openapi.json", llms, StringComparison.Ordinal);
    }

    [Fact]
    public void ResponseSchemas_RequireEveryAlwaysWrittenProperty()
    {
        var schemas = OpenApiDocumentBuilder.Build()["components"]!["schemas"]!.AsObject();
        var file = schemas["FileVersionResponse"]!.AsObject();
        var required = file["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("fileId", required);
        Assert.Contains("fileInfo", required);
        Assert.DoesNotContain("fileRetention", required);
        Assert.Equal("#/components/schemas/FileVersionResponse", schemas["ListFileNamesResponse"]!["properties"]!["files"]!["items"]!["$ref"]!.GetValue<string>());
        _ = JsonNode.Parse(OpenApiDocumentBuilder.Build().ToJsonString());
    }
}
