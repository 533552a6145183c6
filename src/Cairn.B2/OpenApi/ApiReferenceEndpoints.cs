using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.B2.Links;
using Scalar.AspNetCore;

namespace Cairn.B2.OpenApi;

/// <summary>
/// The public, unauthenticated pages for people and agents: <c>/openapi.json</c>, the reference at <c>/docs</c>
/// rendered from it, and <c>/llms.txt</c>. Everything else the server answers needs a token.
/// </summary>
public static class ApiReferenceEndpoints
{
    public const string DocumentPath = "/openapi.json";
    public const string DocsPath = "/docs";
    public const string LlmsPath = "/llms.txt";

    private static readonly Lazy<JsonObject> Document = new(() => OpenApiDocumentBuilder.Build());
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapGet(DocumentPath, (HttpContext http) =>
        {
            var document = Document.Value.DeepClone().AsObject();
            document["servers"] = new JsonArray(new JsonObject { ["url"] = B2Urls.BaseUrl(http), ["description"] = "This Cairn server." });
            return Results.Text(document.ToJsonString(Indented), "application/json; charset=utf-8", Encoding.UTF8);
        });
        app.MapScalarApiReference(DocsPath, options => options
            .WithTitle("Cairn API reference")
            .WithOpenApiRoutePattern(DocumentPath));
        app.MapGet(LlmsPath, (HttpContext http) => Results.Text(LlmsText(B2Urls.BaseUrl(http)), "text/plain; charset=utf-8", Encoding.UTF8));
        return app;
    }

    /// <summary>The llms.txt convention: a short Markdown map of where an agent finds what it needs.</summary>
    public static string LlmsText(string baseUrl) => $"""
        # Cairn

        > A self-hosted object store that speaks the Backblaze B2 Native API: buckets, file versions, hide markers,
        > lifecycle rules, large files and scoped, expiring application keys.

        ## API
        - [OpenAPI 3.1 document]({baseUrl}{DocumentPath}): every B2 Native API operation, with request and response
          schemas, error codes per operation, and examples. Paths are /b2api/{"{apiVersion}"}/b2_*; use v4.
        - [API reference]({baseUrl}{DocsPath}): the same, for people.
        - Sign in: b2_authorize_account with HTTP Basic (application key id and key); then send the returned
          authorizationToken as the raw Authorization header.

        ## MCP
        - [MCP endpoint]({baseUrl}/mcp): Streamable HTTP. Tools to list buckets and files, read and write small files
          inline, get upload and download URLs for large ones, copy, hide and delete versions, manage lifecycle rules
          and keys. Send `Authorization: Bearer <agent token>`.
        - An agent token comes from b2_create_agent_token (POST {baseUrl}/b2api/v4/b2_create_agent_token with an
          account authorization token). It carries the application key's capabilities and scope, expires (default one
          hour) and is never the key's secret. You see only the tools your key allows; destructive tools need
          confirm: true after the user agreed.
        """;
}
