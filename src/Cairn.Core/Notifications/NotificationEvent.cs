namespace Cairn.Core.Notifications;

/// <summary>
/// One event waiting in the metadata store's outbox for delivery to one rule's webhook. The fields are those of a
/// B2 webhook payload's event object (Event Notifications Reference Guide; Backblaze's Java SDK
/// <c>B2EventNotificationEvent</c>); the bucket name is captured when the event happens.
/// </summary>
public sealed record NotificationEvent
{
    /// <summary>Unique; receivers deduplicate on it, since delivery is at least once.</summary>
    public required string EventId { get; init; }

    public required string AccountId { get; init; }

    public required string BucketId { get; init; }

    public required string BucketName { get; init; }

    /// <summary>The rule this event is for (<c>matchedRuleName</c>).</summary>
    public required string RuleName { get; init; }

    public required string EventType { get; init; }

    /// <summary>Milliseconds since the Unix epoch.</summary>
    public required long EventTimestamp { get; init; }

    public required string ObjectName { get; init; }

    /// <summary>0 for hide markers; the removed version's size for deletes (as the reference guide says).</summary>
    public long? ObjectSize { get; init; }

    /// <summary>The file id of the version the event is about.</summary>
    public required string ObjectVersionId { get; init; }

    /// <summary>Failed delivery attempts so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Not delivered before this time (milliseconds since the Unix epoch); the backoff after a failure.</summary>
    public long NextAttemptAt { get; init; }
}
