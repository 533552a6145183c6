using System.Text.Json.Nodes;

namespace Cairn.B2.OpenApi;

/// <summary>One parameter of a B2 JSON call: a JSON body property for POST, a query parameter for GET.</summary>
public sealed record B2Param(string Name, JsonNode Schema, bool Required, string Description)
{
    public static B2Param Str(string name, string description, bool required = false) =>
        new(name, new JsonObject { ["type"] = "string" }, required, description);

    public static B2Param Int(string name, string description, bool required = false, long? minimum = null, long? maximum = null)
    {
        var schema = new JsonObject { ["type"] = "integer" };
        if (minimum is { } min)
        {
            schema["minimum"] = min;
        }
        if (maximum is { } max)
        {
            schema["maximum"] = max;
        }
        return new(name, schema, required, description);
    }

    public static B2Param Bool(string name, string description) => new(name, new JsonObject { ["type"] = "boolean" }, false, description);

    public static B2Param Strings(string name, string description, bool required = false) =>
        new(name, new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } }, required, description);

    public static B2Param Map(string name, string description) =>
        new(name, new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } }, false, description);

    public static B2Param Object(string name, string description, JsonObject schema, bool required = false) => new(name, schema, required, description);
}
