using System.Text.Json.Nodes;

namespace Cairn.B2.OpenApi;

/// <summary>
/// One B2 Native API operation, written once: the route and methods <see cref="B2.B2Routes"/> maps to
/// <see cref="Handler"/>, what the OpenAPI document says about it, and the capabilities the authorization matrix test
/// holds the server to.
/// </summary>
public sealed record B2Operation(string Name, string RoutePattern, string Tag, string Summary, string Description)
{
    /// <summary>The route in OpenAPI's spelling (<see cref="RouteTemplates.FromRoutePattern"/>).</summary>
    public string Path => RouteTemplates.FromRoutePattern(RoutePattern);

    /// <summary>The minimal-API handler the route runs.</summary>
    public required Delegate Handler { get; init; }

    public OperationKind Kind { get; init; } = OperationKind.Json;

    /// <summary>The HTTP methods the route answers.</summary>
    public IReadOnlyList<string> Methods { get; init; } = ["GET", "POST"];

    public IReadOnlyList<B2Param> Parameters { get; init; } = [];

    /// <summary>Headers an upload or download reads (name, description, required).</summary>
    public IReadOnlyList<(string Name, string Description, bool Required)> Headers { get; init; } = [];

    public IReadOnlyList<VersionedResponse> Responses { get; init; } = [];

    /// <summary>B2 error codes this operation answers besides the ones every authenticated call can answer.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>
    /// The capabilities that each open the operation (any one; empty: any valid key). Core enforces them; the
    /// authorization matrix test proves that it enforces exactly these, and the document states them.
    /// </summary>
    public IReadOnlyList<string> Grants { get; init; } = [];

    /// <summary>Capabilities needed as well as a grant (a copy reads its source and writes its destination).</summary>
    public IReadOnlyList<string> AlsoRequires { get; init; } = [];

    /// <summary>
    /// True when the operation deletes, hides or exposes data or access (or changes rules that will): an agent runs it
    /// only with the person's confirmation.
    /// </summary>
    public bool Destructive { get; init; }

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
