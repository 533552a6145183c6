using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Cairn.B2.Wire;

namespace Cairn.B2.OpenApi;

/// <summary>
/// The document's <c>components/schemas</c>, exported from the very <see cref="B2JsonContext"/> type infos the B2
/// handlers serialize with, so a response schema cannot say something the wire does not.
/// </summary>
internal sealed class SchemaCatalog
{
    /// <summary>Objects that appear inside other responses; they become shared components instead of being repeated.</summary>
    private static readonly HashSet<Type> Shared =
    [
        typeof(FileVersionResponse), typeof(BucketResponse), typeof(KeyResponseV1), typeof(KeyResponseV4), typeof(PartResponse),
    ];

    private readonly Dictionary<Type, JsonTypeInfo> _shared;

    public SchemaCatalog()
    {
        _shared = Shared.ToDictionary(t => t, t => B2JsonContext.Default.GetTypeInfo(t)!);
    }

    public JsonObject Schemas { get; } = new();

    public static string NameOf(Type type) => type.Name;

    /// <summary>A <c>$ref</c> to the type's component, exporting it on first use.</summary>
    public JsonObject Ref(JsonTypeInfo type)
    {
        var name = NameOf(type.Type);
        if (!Schemas.ContainsKey(name))
        {
            Schemas[name] = null;
            Schemas[name] = Export(type);
        }
        return new JsonObject { ["$ref"] = "#/components/schemas/" + name };
    }

    private JsonNode Export(JsonTypeInfo type) => type.GetJsonSchemaAsNode(new JsonSchemaExporterOptions
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = (context, node) =>
        {
            if (node is JsonValue value && value.TryGetValue<bool>(out var any) && any)
            {
                // Any JSON (a JsonElement property): {} rather than the boolean schema, which OpenAPI tools handle poorly.
                return new JsonObject();
            }
            if (context.Path.Length > 0 && context.PropertyInfo is null && _shared.TryGetValue(context.TypeInfo.Type, out var shared))
            {
                // An element of a list of shared objects: point at the component.
                return Ref(shared);
            }
            if (context.PropertyInfo is { } property && _shared.TryGetValue(property.PropertyType, out var sharedProperty))
            {
                return Ref(sharedProperty);
            }
            if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && node is JsonObject schema && schema["properties"] is JsonObject)
            {
                var required = context.TypeInfo.Properties.Where(p => !OmittedWhenNull(p)).Select(p => (JsonNode)p.Name).ToArray();
                schema["required"] = new JsonArray(required);
            }
            return node;
        },
    });

    /// <summary>Properties marked <c>WhenWritingNull</c> may be absent; every other property is always written.</summary>
    private static bool OmittedWhenNull(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.WhenWritingNull) == true;
}
