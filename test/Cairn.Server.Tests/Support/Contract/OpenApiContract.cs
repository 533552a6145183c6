using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.B2.OpenApi;
using Json.Schema;

namespace Cairn.Server.Tests.Support.Contract;

/// <summary>
/// Checks one HTTP exchange against /openapi.json: the operation and its status are documented, and the JSON
/// request (of a successful call) and JSON response match their schemas. Schemas are compiled once, with the
/// document's components as <c>$defs</c>, by JsonSchema.Net (draft 2020-12, the dialect of OpenAPI 3.1).
/// </summary>
public sealed class OpenApiContract
{
    public static OpenApiContract Instance { get; } = new(OpenApiDocumentBuilder.Build());

    private readonly JsonObject _paths;
    private readonly JsonObject _defs;
    private readonly ConcurrentDictionary<string, JsonSchema> _compiled = new(StringComparer.Ordinal);

    public OpenApiContract(JsonObject document)
    {
        _paths = document["paths"]!.AsObject();
        _defs = document["components"]!["schemas"]!.AsObject();
    }

    /// <summary>
    /// The problems with this exchange; empty when it matches the document. <c>path</c> is the OpenAPI path template of
    /// the route that answered; <c>apiVersion</c> is 1–4 for /b2api/vN/ calls, else null.
    /// </summary>
    public IReadOnlyList<string> Check(string method, string path, int? apiVersion, int status, string? requestJson, string? responseContentType, string? responseJson)
    {
        var where = $"{method} {path} → {status}";
        if (_paths[path]?[method.ToLowerInvariant()] is not JsonObject operation)
        {
            return [$"{where}: the operation is not in the document"];
        }
        var problems = new List<string>();
        if (operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject response)
        {
            return [$"{where}: status {status} is not documented for {operation["operationId"]}{(responseJson is null ? "" : ": " + Cut(responseJson))}"];
        }
        if (status is >= 200 and < 300 && requestJson is not null && operation["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject requestSchema)
        {
            problems.AddRange(Validate($"{where} request", requestSchema, requestJson, apiVersion));
        }
        var isJson = responseContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        var documented = response["content"]?["application/json"]?["schema"] as JsonObject;
        if (isJson && responseJson is not null)
        {
            if (documented is null)
            {
                problems.Add($"{where}: a JSON body the document does not describe: {Cut(responseJson)}");
            }
            else
            {
                problems.AddRange(Validate($"{where} response", documented, responseJson, apiVersion));
            }
        }
        return problems;
    }

    private IEnumerable<string> Validate(string what, JsonObject schema, string json, int? apiVersion)
    {
        if (apiVersion is { } v && schema["x-b2-versions"]?[$"v{v}"] is JsonNode versionRef)
        {
            schema = new JsonObject { ["$ref"] = versionRef.DeepClone() };
        }
        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(json).RootElement.Clone();
        }
        catch (JsonException e)
        {
            return [$"{what}: not JSON ({e.Message}): {Cut(json)}"];
        }
        var compiled = _compiled.GetOrAdd(schema.ToJsonString(), Compile);
        var result = compiled.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))
            .Distinct()
            .Take(8);
        return [$"{what} does not match its schema: {string.Join("; ", errors)} — body: {Cut(json)}"];
    }

    private JsonSchema Compile(string schemaJson)
    {
        var root = JsonNode.Parse(schemaJson)!.AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = _defs.DeepClone();
        var text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return JsonSchema.FromText(text, options, new Uri($"https://cairn.test/contract/{Guid.NewGuid():N}"));
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
