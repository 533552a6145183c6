using System.Text.Json;
using Cairn.B2.Wire;
using Cairn.Core.Errors;
using Cairn.Core.Notifications;

namespace Cairn.B2.Notifications;

/// <summary>
/// Reads <c>eventNotificationRules</c> of b2_set_bucket_notification_rules into rules, and rules back into B2's shape.
/// Field names from b2sdk's <c>NotificationRule</c> / <c>NotificationTargetConfiguration</c> (b2sdk/_internal/raw_api.py)
/// and Backblaze's API reference; <c>isSuspended</c> and <c>suspensionReason</c> are ignored on input, as B2 ignores them.
/// </summary>
public static class NotificationRulesParser
{
    public static IReadOnlyList<NotificationRule> Parse(B2Request request)
    {
        if (request.Raw("eventNotificationRules") is not { } element)
        {
            throw Fail.Required("eventNotificationRules");
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Fail.BadJson("eventNotificationRules must be an array");
        }
        return element.EnumerateArray().Select(ParseRule).ToList();
    }

    public static NotificationRuleResponse ToResponse(NotificationRule rule)
    {
        var target = rule.TargetConfiguration;
        return new NotificationRuleResponse(
            rule.EventTypes,
            rule.IsEnabled,
            rule.IsSuspended,
            rule.MaxEventsPerBatch,
            rule.Name,
            rule.ObjectNamePrefix,
            rule.SuspensionReason,
            new NotificationTargetResponse(
                target.CustomHeaders?.Select(h => new NotificationHeaderResponse(h.Name, h.Value)).ToList(),
                target.HmacSha256SigningSecret,
                target.TargetType,
                target.Url));
    }

    private static NotificationRule ParseRule(JsonElement rule)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw Fail.BadJson("each event notification rule must be an object");
        }
        var eventTypes = Get(rule, "eventTypes") is { } types
            ? types.ValueKind == JsonValueKind.Array
                ? types.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()! : throw Fail.BadJson("eventTypes must be an array of strings")).ToList()
                : throw Fail.BadJson("eventTypes must be an array of strings")
            : throw Fail.Required("eventTypes");
        var maxEvents = Get(rule, "maxEventsPerBatch") is { } max
            ? max.ValueKind == JsonValueKind.Number && max.TryGetInt32(out var n) ? n : throw Fail.BadJson("maxEventsPerBatch must be an integer")
            : 1;
        return new NotificationRule
        {
            Name = RequiredString(rule, "name"),
            EventTypes = eventTypes,
            IsEnabled = Bool(rule, "isEnabled") ?? true,
            ObjectNamePrefix = String(rule, "objectNamePrefix") ?? "",
            MaxEventsPerBatch = maxEvents,
            TargetConfiguration = ParseTarget(Get(rule, "targetConfiguration") ?? throw Fail.Required("targetConfiguration")),
        };
    }

    private static WebhookTarget ParseTarget(JsonElement target)
    {
        if (target.ValueKind != JsonValueKind.Object)
        {
            throw Fail.BadJson("targetConfiguration must be an object");
        }
        List<WebhookHeader>? headers = null;
        if (Get(target, "customHeaders") is { } list)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Fail.BadJson("customHeaders must be an array of {name, value} objects");
            }
            headers = list.EnumerateArray().Select(h => h.ValueKind == JsonValueKind.Object
                ? new WebhookHeader(RequiredString(h, "name"), RequiredString(h, "value"))
                : throw Fail.BadJson("customHeaders must be an array of {name, value} objects")).ToList();
        }
        return new WebhookTarget
        {
            TargetType = RequiredString(target, "targetType"),
            Url = RequiredString(target, "url"),
            CustomHeaders = headers,
            HmacSha256SigningSecret = String(target, "hmacSha256SigningSecret"),
        };
    }

    private static JsonElement? Get(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? String(JsonElement obj, string name) => Get(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        _ => throw Fail.BadJson($"{name} must be a string"),
    };

    private static string RequiredString(JsonElement obj, string name) => String(obj, name) ?? throw Fail.Required(name);

    private static bool? Bool(JsonElement obj, string name) => Get(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw Fail.BadJson($"{name} must be a boolean"),
    };
}
