namespace Cairn.Core.Notifications;

/// <summary>
/// One event notification rule of a bucket (b2_set_bucket_notification_rules; b2sdk's <c>NotificationRule</c> in
/// b2sdk/_internal/raw_api.py; Backblaze's Java SDK <c>B2EventNotificationRuleForResponse</c>).
/// </summary>
public sealed record NotificationRule
{
    /// <summary>Unique within the bucket: 6–63 letters, digits and hyphens, not starting with <c>b2-</c>.</summary>
    public required string Name { get; init; }

    public required IReadOnlyList<string> EventTypes { get; init; }

    public bool IsEnabled { get; init; } = true;

    /// <summary><c>""</c> selects every object.</summary>
    public string ObjectNamePrefix { get; init; } = "";

    public required WebhookTarget TargetConfiguration { get; init; }

    /// <summary>Events per webhook invocation, 1–50; default 1 (b2_set_bucket_notification_rules).</summary>
    public int MaxEventsPerBatch { get; init; } = 1;

    /// <summary>Set by the server after persistent delivery failure; ignored when a client sets rules.</summary>
    public bool IsSuspended { get; init; }

    /// <summary>Why the rule was suspended; <c>""</c> when it is not.</summary>
    public string SuspensionReason { get; init; } = "";

    /// <summary>Whether a new event of <paramref name="eventType"/> for <paramref name="objectName"/> goes to this rule.</summary>
    public bool Wants(string eventType, string objectName) =>
        IsEnabled && !IsSuspended
        && objectName.StartsWith(ObjectNamePrefix, StringComparison.Ordinal)
        && EventTypes.Any(t => Notifications.EventTypes.Matches(t, eventType));

    /// <summary>Same definition (everything a client sets), ignoring suspension.</summary>
    public bool SameDefinitionAs(NotificationRule other) =>
        Name == other.Name
        && EventTypes.Order(StringComparer.Ordinal).SequenceEqual(other.EventTypes.Order(StringComparer.Ordinal))
        && IsEnabled == other.IsEnabled
        && ObjectNamePrefix == other.ObjectNamePrefix
        && TargetConfiguration.Equals(other.TargetConfiguration)
        && MaxEventsPerBatch == other.MaxEventsPerBatch;
}
