using System.Text.Json;
using Cairn.Core.Buckets;
using Cairn.Core.Notifications;

namespace Cairn.Storage.Postgres.Internal;

/// <summary>Reads and writes the JSON columns (stored as text, the same shapes as the SQLite store's).</summary>
internal static class StoreJson
{
    private const string EmptyObject = "{}";

    public static string Write(IReadOnlyDictionary<string, string> map) =>
        map.Count == 0 ? EmptyObject : JsonSerializer.Serialize(map, StoreJsonContext.Default.IReadOnlyDictionaryStringString);

    /// <summary>Most files carry no file info; skip the parser for them.</summary>
    public static Dictionary<string, string> ReadMap(string json) =>
        json == EmptyObject ? [] : JsonSerializer.Deserialize(json, StoreJsonContext.Default.DictionaryStringString) ?? [];

    public static string Write(IReadOnlyList<string> list) =>
        JsonSerializer.Serialize(list, StoreJsonContext.Default.IReadOnlyListString);

    public static List<string> ReadList(string json) =>
        JsonSerializer.Deserialize(json, StoreJsonContext.Default.ListString) ?? [];

    public static string Write(IReadOnlyList<LifecycleRule> rules) =>
        JsonSerializer.Serialize(rules, StoreJsonContext.Default.IReadOnlyListLifecycleRule);

    public static List<LifecycleRule> ReadRules(string json) =>
        JsonSerializer.Deserialize(json, StoreJsonContext.Default.ListLifecycleRule) ?? [];

    public static string Write(DefaultRetention retention) =>
        JsonSerializer.Serialize(retention, StoreJsonContext.Default.DefaultRetention);

    public static DefaultRetention ReadRetention(string json) =>
        JsonSerializer.Deserialize(json, StoreJsonContext.Default.DefaultRetention) ?? throw new InvalidDataException("default_retention is null");

    public static string Write(List<NotificationRule> rules) =>
        JsonSerializer.Serialize(rules, StoreJsonContext.Default.ListNotificationRule);

    public static List<NotificationRule> ReadNotificationRules(string json) =>
        JsonSerializer.Deserialize(json, StoreJsonContext.Default.ListNotificationRule) ?? [];
}
