using System.Text.Json.Nodes;

namespace Cairn.Server.OpenApi;

/// <summary>
/// One B2 Native API operation as the OpenAPI document describes it. <see cref="Path"/> is the route pattern
/// <see cref="B2.B2Routes"/> maps, in OpenAPI's spelling (<see cref="RouteTemplates.FromRoutePattern"/>), so a test can
/// hold the two side by side.
/// </summary>
public sealed record B2Operation(string Name, string Path, string Tag, string Summary, string Description)
{
    public OperationKind Kind { get; init; } = OperationKind.Json;

    /// <summary>The HTTP methods the route answers.</summary>
    public IReadOnlyList<string> Methods { get; init; } = ["GET", "POST"];

    public IReadOnlyList<B2Param> Parameters { get; init; } = [];

    /// <summary>Headers an upload or download reads (name, description, required).</summary>
    public IReadOnlyList<(string Name, string Description, bool Required)> Headers { get; init; } = [];

    public IReadOnlyList<VersionedResponse> Responses { get; init; } = [];

    /// <summary>B2 error codes this operation answers besides the ones every authenticated call can answer.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The capability the application key needs (documentation; the object service enforces it).</summary>
    public string? Capability { get; init; }

    /// <summary>An example request body.</summary>
    public JsonObject? Example { get; init; }

    /// <summary>The OpenAPI operationId: the B2 name, with the OPTIONS/GET forms suffixed.</summary>
    public string OperationId(string method) => (Kind, method) switch
    {
        (OperationKind.Json or OperationKind.Authorize or OperationKind.Upload, "POST") => Name,
        (OperationKind.Download, "GET") => Name,
        (OperationKind.Preflight, _) => Name + "_preflight",
        _ => Name + "_" + method.ToLowerInvariant(),
    };
}
