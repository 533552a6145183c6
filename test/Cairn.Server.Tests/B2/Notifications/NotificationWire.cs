using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Notifications;

/// <summary>Rule bodies as b2sdk sends them, and the calls.</summary>
internal static class NotificationWire
{
    public const string Secret = "abcdefghijklmnopqrstuvwxyz012345";

    public static Dictionary<string, object?> Rule(string name, string url, string[]? eventTypes = null, string prefix = "",
        string? secret = Secret, bool isEnabled = true, object? customHeaders = null, int? maxEventsPerBatch = null)
    {
        var rule = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["eventTypes"] = eventTypes ?? ["b2:ObjectCreated:*", "b2:HideMarkerCreated:*", "b2:ObjectDeleted:*"],
            ["isEnabled"] = isEnabled,
            ["objectNamePrefix"] = prefix,
            ["targetConfiguration"] = new Dictionary<string, object?>
            {
                ["targetType"] = "webhook",
                ["url"] = url,
                ["customHeaders"] = customHeaders,
                ["hmacSha256SigningSecret"] = secret,
            },
        };
        if (maxEventsPerBatch is { } max)
        {
            rule["maxEventsPerBatch"] = max;
        }
        return rule;
    }

    public static Task<HttpResponseMessage> SetAsync(B2Session session, string bucketId, params object[] rules) =>
        session.PostAsync("b2_set_bucket_notification_rules", new { bucketId, eventNotificationRules = rules });

    public static Task<JsonElement> SetOkAsync(B2Session session, string bucketId, params object[] rules) =>
        session.CallAsync("b2_set_bucket_notification_rules", new { bucketId, eventNotificationRules = rules });

    public static Task<JsonElement> GetAsync(B2Session session, string bucketId) =>
        session.CallAsync("b2_get_bucket_notification_rules", new { bucketId });

    public static async Task<string> NewBucketAsync(B2Session session) =>
        await session.CreateBucketAsync("notify-" + Guid.NewGuid().ToString("N")[..20]);
}
