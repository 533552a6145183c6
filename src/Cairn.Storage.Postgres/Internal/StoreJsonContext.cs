using System.Text.Json.Serialization;
using Cairn.Core.Buckets;
using Cairn.Core.Notifications;

namespace Cairn.Storage.Postgres.Internal;

/// <summary>
/// The JSON shapes stored in columns (bucket info, lifecycle rules, file info, key capabilities, notification rules). Source
/// generated, so no reflection at run time. Property names follow B2's camelCase.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<LifecycleRule>))]
[JsonSerializable(typeof(List<LifecycleRule>))]
[JsonSerializable(typeof(DefaultRetention))]
[JsonSerializable(typeof(List<NotificationRule>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext
{
}
