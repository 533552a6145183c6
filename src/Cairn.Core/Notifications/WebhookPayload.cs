using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cairn.Core.Notifications;

/// <summary>
/// The body and signature of one webhook invocation, as B2 sends them (Event Notifications Reference Guide,
/// "Webhooks" and "Verifying the Webhook Request Signature"):
/// <list type="bullet">
/// <item>the body is <c>{"events":[…]}</c>, each event with accountId, bucketId, bucketName, eventId,
/// eventTimestamp, eventType, eventVersion (1), matchedRuleName, objectName, objectSize, objectVersionId;</item>
/// <item>with a signing secret, header <c>X-Bz-Event-Notification-Signature: v1=&lt;lowercase hex HMAC-SHA256 of the
/// body&gt;</c>, keyed with the secret's UTF-8 bytes (Backblaze's Java SDK <c>SignatureUtils</c>).</item>
/// </list>
/// </summary>
public static class WebhookPayload
{
    public const string SignatureHeader = "X-Bz-Event-Notification-Signature";
    public const int EventVersion = 1;

    public static byte[] Serialize(IReadOnlyList<NotificationEvent> events)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("events");
            foreach (var e in events)
            {
                json.WriteStartObject();
                json.WriteString("accountId", e.AccountId);
                json.WriteString("bucketId", e.BucketId);
                json.WriteString("bucketName", e.BucketName);
                json.WriteString("eventId", e.EventId);
                json.WriteNumber("eventTimestamp", e.EventTimestamp);
                json.WriteString("eventType", e.EventType);
                json.WriteNumber("eventVersion", EventVersion);
                json.WriteString("matchedRuleName", e.RuleName);
                json.WriteString("objectName", e.ObjectName);
                if (e.ObjectSize is { } size)
                {
                    json.WriteNumber("objectSize", size);
                }
                else
                {
                    json.WriteNull("objectSize");
                }
                json.WriteString("objectVersionId", e.ObjectVersionId);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The header value: <c>v1=</c> and the lowercase hex HMAC-SHA256 of <paramref name="body"/>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
