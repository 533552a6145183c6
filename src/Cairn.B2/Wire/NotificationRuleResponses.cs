namespace Cairn.B2.Wire;

/// <summary>
/// b2_get_bucket_notification_rules and b2_set_bucket_notification_rules answer
/// <c>{"bucketId","eventNotificationRules":[…]}</c>, rules in name order (Backblaze's API reference for both calls).
/// </summary>
public sealed record BucketNotificationRulesResponse(string BucketId, IReadOnlyList<NotificationRuleResponse> EventNotificationRules);

/// <summary>One rule as B2 returns it, with <c>isSuspended</c> and <c>suspensionReason</c> (<c>""</c> when not suspended).</summary>
public sealed record NotificationRuleResponse(
    IReadOnlyList<string> EventTypes,
    bool IsEnabled,
    bool IsSuspended,
    int MaxEventsPerBatch,
    string Name,
    string ObjectNamePrefix,
    string SuspensionReason,
    NotificationTargetResponse TargetConfiguration);

/// <summary>A webhook target; <c>customHeaders</c> and <c>hmacSha256SigningSecret</c> are null when unset.</summary>
public sealed record NotificationTargetResponse(
    IReadOnlyList<NotificationHeaderResponse>? CustomHeaders,
    string? HmacSha256SigningSecret,
    string TargetType,
    string Url);

public sealed record NotificationHeaderResponse(string Name, string Value);
