using System.Text.Json.Serialization.Metadata;

namespace Cairn.B2.OpenApi;

/// <summary>The success body an operation answers in API versions <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record VersionedResponse(int From, int To, JsonTypeInfo Type)
{
    public static VersionedResponse All(JsonTypeInfo type) => new(1, 4, type);
}
