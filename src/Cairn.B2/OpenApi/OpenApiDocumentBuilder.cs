using System.Text.Json.Nodes;
using Cairn.Core.Errors;

namespace Cairn.B2.OpenApi;

/// <summary>
/// Builds the OpenAPI 3.1 document of the B2 Native API from <see cref="B2Operations"/>, with response schemas
/// exported from the wire types. Paths keep the version as a parameter (<c>/b2api/{apiVersion}/…</c>) because the
/// server answers v1–v4 on one route and the clients in use (b2sdk, rclone, the b2 CLI) call v2 and v3 as much as v4.
/// </summary>
public static class OpenApiDocumentBuilder
{
    public const string ErrorSchema = "B2Error";

    /// <summary>Every B2 error code and its HTTP status, from the one error table.</summary>
    public static IReadOnlyDictionary<string, int> StatusOfCode { get; } = Enum.GetValues<CairnError>()
        .Select(B2ErrorMap.Map)
        .Concat([new(404, B2ErrorCodes.NotFound), new(405, B2ErrorCodes.MethodNotAllowed)])
        .GroupBy(e => e.Code)
        .ToDictionary(g => g.Key, g => g.First().Status, StringComparer.Ordinal);

    public static JsonObject Build(string? serverUrl = null)
    {
        var catalog = new SchemaCatalog();
        var paths = new JsonObject();
        foreach (var group in B2Operations.All.GroupBy(o => o.Path))
        {
            var item = new JsonObject();
            foreach (var operation in group)
            {
                foreach (var method in operation.Methods)
                {
                    item[method.ToLowerInvariant()] = Operation(operation, method, catalog);
                }
            }
            paths[group.Key] = item;
        }
        catalog.Schemas[ErrorSchema] = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "B2's error body. `code` is stable and machine-readable; `message` is for people.",
            ["required"] = new JsonArray("status", "code", "message"),
            ["properties"] = new JsonObject
            {
                ["status"] = new JsonObject { ["type"] = "integer", ["description"] = "The HTTP status, repeated." },
                ["code"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(StatusOfCode.Keys.Order(StringComparer.Ordinal).Select(c => (JsonNode)c).ToArray()) },
                ["message"] = new JsonObject { ["type"] = "string" },
            },
            ["example"] = new JsonObject { ["status"] = 400, ["code"] = "bad_bucket_id", ["message"] = "Bucket does not exist: 4a48fe8875c6214145260818" },
        };

        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Cairn — Backblaze B2 Native API",
                ["version"] = "4",
                ["summary"] = "Store, list, download and share files; buckets, versions, lifecycle rules and scoped application keys.",
                ["description"] = Description,
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = serverUrl ?? "http://127.0.0.1:8787", ["description"] = "This Cairn server." }),
            ["tags"] = new JsonArray(B2Operations.Tags.Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["description"] = t.Description }).ToArray()),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = Sorted(catalog.Schemas),
                ["parameters"] = new JsonObject
                {
                    ["apiVersion"] = new JsonObject
                    {
                        ["name"] = "apiVersion",
                        ["in"] = "path",
                        ["required"] = true,
                        ["description"] = "B2 API version, v1 to v4. Use v4 for new code; older versions differ only where an operation says so.",
                        ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("v1", "v2", "v3", "v4"), ["default"] = "v4" },
                        ["example"] = "v4",
                    },
                },
                ["securitySchemes"] = SecuritySchemes(),
            },
        };
        return document;
    }

    private const string Description = """
        Cairn speaks the Backblaze B2 Native API. Sign in with `b2_authorize_account` (HTTP Basic with an application
        key id and secret); send the returned `authorizationToken` as the raw `Authorization` header (no `Bearer`) on
        every other call. Uploads go to URLs the server hands out (`b2_get_upload_url`, `b2_get_upload_part_url`),
        each with its own token. JSON calls accept POST with a JSON body or GET with the same parameters in the query.
        Every failure answers `{status, code, message}`; each operation lists the codes it can answer.

        AI agents: the MCP endpoint at `/mcp` (Streamable HTTP) offers these operations as tools. It takes a bearer
        token from `b2_create_agent_token`, never an application key. See `/llms.txt`.
        """;

    private static JsonObject Operation(B2Operation operation, string method, SchemaCatalog catalog)
    {
        var result = new JsonObject
        {
            ["operationId"] = operation.OperationId(method),
            ["tags"] = new JsonArray(operation.Tag),
            ["summary"] = method switch
            {
                "GET" when operation.Kind is OperationKind.Json => operation.Summary + " (query-string form)",
                "HEAD" => operation.Summary + " (headers only)",
                _ => operation.Summary,
            },
            ["description"] = operation.Description + NeedsText(operation),
        };
        var parameters = new JsonArray();
        if (operation.Path.Contains("{apiVersion}", StringComparison.Ordinal))
        {
            parameters.Add(new JsonObject { ["$ref"] = "#/components/parameters/apiVersion" });
        }
        foreach (var name in PathParameters(operation.Path).Where(n => n != "apiVersion"))
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }
        var queryParameters = operation.Kind switch
        {
            OperationKind.Json when method == "GET" => operation.Parameters,
            OperationKind.Download => operation.Parameters,
            _ => [],
        };
        foreach (var parameter in queryParameters)
        {
            parameters.Add(QueryParameter(parameter));
        }
        if (operation.Kind is not OperationKind.Preflight)
        {
            foreach (var (name, description, required) in operation.Headers.Where(h => !h.Name.EndsWith('*')))
            {
                parameters.Add(new JsonObject { ["name"] = name, ["in"] = "header", ["required"] = required, ["description"] = description, ["schema"] = new JsonObject { ["type"] = "string" } });
            }
        }
        if (parameters.Count > 0)
        {
            result["parameters"] = parameters;
        }
        if (operation.Kind is OperationKind.Json && method == "POST")
        {
            result["requestBody"] = JsonBody(operation);
        }
        if (operation.Kind is OperationKind.Upload)
        {
            result["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["description"] = "The file's bytes" + (operation.Headers.Any(h => h.Name.EndsWith('*')) ? "; X-Bz-Info-* headers carry file info." : "."),
                ["content"] = new JsonObject { ["*/*"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } } },
            };
        }
        result["responses"] = Responses(operation, method, catalog);
        result["security"] = Security(operation);
        return result;
    }

    private static JsonObject JsonBody(B2Operation operation)
    {
        var properties = new JsonObject();
        foreach (var parameter in operation.Parameters)
        {
            var schema = parameter.Schema.DeepClone().AsObject();
            schema["description"] = parameter.Description;
            if (!parameter.Required && schema["type"] is JsonValue type)
            {
                // An explicit null means "absent" (B2Request), as B2 clients send it.
                schema["type"] = new JsonArray(type.GetValue<string>(), "null");
                if (schema["enum"] is JsonArray values)
                {
                    values.Add(null);
                }
            }
            properties[parameter.Name] = schema;
        }
        var bodySchema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        var required = operation.Parameters.Where(p => p.Required).Select(p => (JsonNode)p.Name).ToArray();
        if (required.Length > 0)
        {
            bodySchema["required"] = new JsonArray(required);
        }
        var media = new JsonObject { ["schema"] = bodySchema };
        if (operation.Example is { } example)
        {
            media["example"] = example.DeepClone();
        }
        return new JsonObject { ["required"] = required.Length > 0, ["content"] = new JsonObject { ["application/json"] = media } };
    }

    private static JsonObject QueryParameter(B2Param parameter)
    {
        var schema = parameter.Schema.DeepClone().AsObject();
        var type = schema["type"]?.ToString();
        var result = new JsonObject { ["name"] = parameter.Name, ["in"] = "query", ["required"] = parameter.Required, ["description"] = parameter.Description };
        if (type == "array")
        {
            result["style"] = "form";
            result["explode"] = false;
        }
        else if (type == "object" || schema["type"] is null)
        {
            result["description"] = parameter.Description + " (JSON text in the query.)";
            schema = new JsonObject { ["type"] = "string" };
        }
        result["schema"] = schema;
        return result;
    }

    private static JsonObject Responses(B2Operation operation, string method, SchemaCatalog catalog)
    {
        var responses = new JsonObject();
        switch (operation.Kind)
        {
            case OperationKind.Json or OperationKind.Authorize or OperationKind.Upload:
                responses["200"] = new JsonObject
                {
                    ["description"] = "Success.",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = SuccessSchema(operation, catalog) } },
                };
                break;
            case OperationKind.Download:
                var body = method == "HEAD" ? null : new JsonObject { ["*/*"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } } };
                responses["200"] = DownloadResponse("The file's bytes; its details in x-bz-file-id, x-bz-file-name, x-bz-content-sha1, X-Bz-Info-* and the content headers.", body);
                responses["206"] = DownloadResponse("The requested range (Content-Range says which).", body?.DeepClone().AsObject());
                break;
            case OperationKind.Preflight:
                responses["200"] = new JsonObject { ["description"] = "Allowed: Access-Control-Allow-* headers answer the browser." };
                break;
        }
        var codes = operation.Kind switch
        {
            OperationKind.Authorize or OperationKind.Download or OperationKind.Preflight => operation.Errors,
            _ => B2Operations.CommonErrors.Concat(operation.Errors).ToList(),
        };
        foreach (var status in codes.Distinct().GroupBy(c => StatusOfCode[c]).OrderBy(g => g.Key))
        {
            var list = status.Order(StringComparer.Ordinal).ToList();
            var response = new JsonObject
            {
                ["description"] = "B2 error: " + string.Join(", ", list.Select(c => "`" + c + "`")) + ".",
            };
            if (status.Key is 429 or 503)
            {
                response["headers"] = new JsonObject
                {
                    ["Retry-After"] = new JsonObject { ["description"] = "Seconds to wait before retrying.", ["schema"] = new JsonObject { ["type"] = "integer" } },
                };
            }
            if (method != "HEAD")
            {
                response["content"] = new JsonObject
                {
                    ["application/json"] = new JsonObject
                    {
                        ["schema"] = new JsonObject
                        {
                            ["allOf"] = new JsonArray(
                                new JsonObject { ["$ref"] = "#/components/schemas/" + ErrorSchema },
                                new JsonObject
                                {
                                    ["properties"] = new JsonObject
                                    {
                                        ["status"] = new JsonObject { ["const"] = status.Key },
                                        ["code"] = new JsonObject { ["enum"] = new JsonArray(list.Select(c => (JsonNode)c).ToArray()) },
                                    },
                                }),
                        },
                    },
                };
            }
            responses[status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }
        return responses;
    }

    private static JsonObject DownloadResponse(string description, JsonObject? content)
    {
        var response = new JsonObject
        {
            ["description"] = description,
            ["headers"] = new JsonObject
            {
                ["x-bz-file-id"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } },
                ["x-bz-file-name"] = new JsonObject { ["description"] = "Percent-encoded.", ["schema"] = new JsonObject { ["type"] = "string" } },
                ["x-bz-content-sha1"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } },
                ["x-bz-upload-timestamp"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } },
            },
        };
        if (content is not null)
        {
            response["content"] = content;
        }
        return response;
    }

    /// <summary>
    /// The success schema; where the versions answer different shapes, <c>anyOf</c> them and name which version
    /// answers which in <c>x-b2-versions</c> (v1's authorize answer also satisfies v2's schema, so not <c>oneOf</c>).
    /// </summary>
    private static JsonObject SuccessSchema(B2Operation operation, SchemaCatalog catalog)
    {
        if (operation.Responses.Count == 1)
        {
            return catalog.Ref(operation.Responses[0].Type);
        }
        var versions = new JsonObject();
        foreach (var response in operation.Responses)
        {
            for (var v = response.From; v <= response.To; v++)
            {
                versions["v" + v] = catalog.Ref(response.Type)["$ref"]!.DeepClone();
            }
        }
        return new JsonObject
        {
            ["description"] = "The shape depends on the API version: " +
                string.Join("; ", operation.Responses.Select(r => $"{(r.From == r.To ? "v" + r.From : $"v{r.From}–v{r.To}")}: {SchemaCatalog.NameOf(r.Type.Type)}")) + ".",
            ["anyOf"] = new JsonArray(operation.Responses.Select(r => (JsonNode)catalog.Ref(r.Type)).ToArray()),
            ["x-b2-versions"] = versions,
        };
    }

    private static JsonArray Security(B2Operation operation) => operation.Kind switch
    {
        OperationKind.Authorize => new JsonArray(new JsonObject { ["basicAuth"] = new JsonArray() }),
        OperationKind.Upload => new JsonArray(new JsonObject { ["uploadToken"] = new JsonArray() }),
        OperationKind.Download => new JsonArray(new JsonObject(), new JsonObject { ["accountToken"] = new JsonArray() }, new JsonObject { ["downloadToken"] = new JsonArray() }),
        OperationKind.Preflight => new JsonArray(new JsonObject()),
        _ => new JsonArray(new JsonObject { ["accountToken"] = new JsonArray() }),
    };

    private static JsonObject SecuritySchemes() => new()
    {
        ["basicAuth"] = new JsonObject
        {
            ["type"] = "http",
            ["scheme"] = "basic",
            ["description"] = "b2_authorize_account only: the application key id as user name and the application key (secret) as password.",
        },
        ["accountToken"] = new JsonObject
        {
            ["type"] = "apiKey",
            ["in"] = "header",
            ["name"] = "Authorization",
            ["description"] = "The authorizationToken from b2_authorize_account, sent as is (no Bearer prefix). Valid 24 hours.",
        },
        ["uploadToken"] = new JsonObject
        {
            ["type"] = "apiKey",
            ["in"] = "header",
            ["name"] = "Authorization",
            ["description"] = "The authorizationToken that came with an upload URL (b2_get_upload_url, b2_get_upload_part_url); good only at that URL.",
        },
        ["downloadToken"] = new JsonObject
        {
            ["type"] = "apiKey",
            ["in"] = "query",
            ["name"] = "Authorization",
            ["description"] = "A download authorization token from b2_get_download_authorization (or the Authorization header).",
        },
        ["agentToken"] = new JsonObject
        {
            ["type"] = "http",
            ["scheme"] = "bearer",
            ["description"] = "For the MCP endpoint /mcp only: a token from b2_create_agent_token, sent as Authorization: Bearer <token>.",
        },
    };

    private static IEnumerable<string> PathParameters(string path)
    {
        var start = path.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = path.IndexOf('}', start);
            yield return path[(start + 1)..end];
            start = path.IndexOf('{', end);
        }
    }

    private static JsonObject Sorted(JsonObject schemas)
    {
        var sorted = new JsonObject();
        foreach (var name in schemas.Select(p => p.Key).Order(StringComparer.Ordinal).ToList())
        {
            var value = schemas[name];
            schemas.Remove(name);
            sorted[name] = value;
        }
        return sorted;
    }

    private static string NeedsText(B2Operation operation)
    {
        if (operation.Grants.Count == 0)
        {
            return "";
        }
        var needs = string.Join(" or ", operation.Grants.Select(g => $"`{g}`"));
        var also = operation.AlsoRequires.Count == 0 ? "" : " and " + string.Join(" and ", operation.AlsoRequires.Select(g => $"`{g}`"));
        var noun = operation.Grants.Count + operation.AlsoRequires.Count == 1 ? "capability" : "capabilities";
        return $"\n\nNeeds the {needs}{also} {noun}, within the key's bucket and name-prefix restrictions.";
    }
}
