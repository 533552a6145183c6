using System.Text.Json.Nodes;
using Cairn.Core.Auth;

namespace Cairn.Core.Operations;

/// <summary>
/// One operation of the API a protocol serves, as an agent needs to know it: what it does, what it takes, who may run
/// it. The protocol that serves the operation writes it from its own descriptor, so the words live in one place.
/// </summary>
public sealed record ApiOperation(string Name, string Group, string Summary, string Description)
{
    public ApiTransport Transport { get; init; } = ApiTransport.Call;

    public IReadOnlyList<ApiParameter> Parameters { get; init; } = [];

    /// <summary>HTTP headers a byte transfer reads (uploads): name, description, required.</summary>
    public IReadOnlyList<ApiParameter> Headers { get; init; } = [];

    /// <summary>The capabilities that each open the operation (any one; empty: any valid key).</summary>
    public IReadOnlyList<string> Grants { get; init; } = [];

    /// <summary>Capabilities needed as well as a grant.</summary>
    public IReadOnlyList<string> AlsoRequires { get; init; } = [];

    /// <summary>True when the operation deletes, hides or exposes data or access: an agent must have the person's consent.</summary>
    public bool Destructive { get; init; }

    /// <summary>An example of the arguments.</summary>
    public JsonObject? Example { get; init; }

    /// <summary>True when the principal's key holds a capability that opens the operation (Core still checks every call).</summary>
    public bool IsOpenTo(Principal principal) =>
        (Grants.Count == 0 || Grants.Any(principal.Has)) && AlsoRequires.All(principal.Has);

    /// <summary>The arguments as one JSON Schema object.</summary>
    public JsonObject InputSchema()
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var parameter in Parameters)
        {
            var schema = parameter.Schema.DeepClone().AsObject();
            schema["description"] = parameter.Description;
            properties[parameter.Name] = schema;
            if (parameter.Required)
            {
                required.Add(parameter.Name);
            }
        }
        var input = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            input["required"] = required;
        }
        return input;
    }
}
