using System.Collections.Concurrent;
using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Cairn.Core.Notifications;

/// <summary>
/// b2_get_bucket_notification_rules and b2_set_bucket_notification_rules, and the emission of events: the services
/// that create or remove versions call <see cref="PublishAsync"/> right after their change is durable, which queues
/// one event per matching rule in the metadata store's outbox; <see cref="NotificationDispatcher"/> delivers them.
/// </summary>
/// <remarks>
/// The event is queued in its own write just after the version's, before the request is answered. So every change a
/// client was told about has its event queued; a crash between the two writes loses the event of a change whose
/// request was never answered (the client sees a failure and usually retries, which emits a new event).
/// </remarks>
public sealed partial class NotificationService
{
    private readonly IMetadataStore _store;
    private readonly BucketService _buckets;
    private readonly NotificationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<NotificationService> _logger;
    private readonly ConcurrentDictionary<string, (IReadOnlyList<NotificationRule> Rules, long At)> _rules = new(StringComparer.Ordinal);
    private long _generation;

    public NotificationService(IMetadataStore store, BucketService buckets, NotificationOptions options, TimeProvider time, ILogger<NotificationService> logger)
    {
        _store = store;
        _buckets = buckets;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>How long rules changed on another node may go unseen by this node's uploads. Two seconds.</summary>
    public static TimeSpan RulesCacheLifetime { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Drops a bucket's cached rules (they were replaced or a rule was suspended).</summary>
    public void Forget(string bucketId)
    {
        Interlocked.Increment(ref _generation);
        _rules.TryRemove(bucketId, out _);
    }

    // Every upload, copy, hide and delete asks for its bucket's rules; most buckets have none, and a read transaction per
    // change showed in profiles. A read that raced with a change made here is not cached.
    private async Task<IReadOnlyList<NotificationRule>> RulesAsync(string bucketId)
    {
        var now = Environment.TickCount64;
        if (_rules.TryGetValue(bucketId, out var cached) && now - cached.At < RulesCacheLifetime.TotalMilliseconds)
        {
            return cached.Rules;
        }
        var generation = Volatile.Read(ref _generation);
        var rules = await _store.GetNotificationRulesAsync(bucketId, CancellationToken.None);
        if (Volatile.Read(ref _generation) == generation)
        {
            _rules[bucketId] = (rules, now);
        }
        return rules;
    }

    /// <summary>Raised after events are queued, so that delivery need not wait for its next poll.</summary>
    public event Action? EventsQueued;

    public async Task<IReadOnlyList<NotificationRule>> GetRulesAsync(Principal principal, string bucketId, CancellationToken cancellationToken)
    {
        principal.RequireBucket(Capabilities.ReadBucketNotifications, bucketId);
        await _buckets.GetOwnedAsync(principal, bucketId, cancellationToken);
        return await _store.GetNotificationRulesAsync(bucketId, cancellationToken);
    }

    /// <summary>
    /// Replaces the bucket's rules. Suspension is the server's to set: a rule sent again unchanged stays suspended
    /// (as b2sdk's simulator keeps it), and changing the rule in any way (its URL, enabling it again…) lifts it.
    /// </summary>
    public async Task<IReadOnlyList<NotificationRule>> SetRulesAsync(Principal principal, string bucketId, IReadOnlyList<NotificationRule> rules, CancellationToken cancellationToken)
    {
        principal.RequireBucket(Capabilities.WriteBucketNotifications, bucketId);
        await _buckets.GetOwnedAsync(principal, bucketId, cancellationToken);
        NotificationRules.Validate(rules, _options.AllowHttpWebhooks);
        var existing = await _store.GetNotificationRulesAsync(bucketId, cancellationToken);
        var stored = rules.Select(rule =>
            existing.FirstOrDefault(old => old.IsSuspended && old.SameDefinitionAs(rule)) is { } suspended
                ? rule with { IsSuspended = true, SuspensionReason = suspended.SuspensionReason }
                : rule with { IsSuspended = false, SuspensionReason = "" })
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        var written = await _store.SetNotificationRulesAsync(bucketId, stored, cancellationToken);
        Forget(bucketId);
        if (!written)
        {
            throw Fail.BucketNotFound(bucketId);
        }
        return stored;
    }

    /// <summary>
    /// Queues an event of <paramref name="eventType"/> about <paramref name="version"/> for every enabled, unsuspended
    /// rule of its bucket that matches. Never throws: the change it reports has already happened, and a failure to
    /// queue must not turn it into an error for the client. Costs one read when the bucket has no rules. An unfinished
    /// large file is no object yet, so removing one (cancel, lifecycle) reports nothing.
    /// </summary>
    public async Task PublishAsync(FileVersion version, string eventType)
    {
        if (version.Action == FileAction.Start)
        {
            return;
        }
        try
        {
            var rules = await RulesAsync(version.BucketId);
            var matching = rules.Where(r => r.Wants(eventType, version.FileName)).ToList();
            if (matching.Count == 0)
            {
                return;
            }
            var bucket = await _buckets.FindAsync(version.BucketId, CancellationToken.None);
            if (bucket is null)
            {
                return;
            }
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var events = matching.Select(rule => new NotificationEvent
            {
                EventId = IdGenerator.RandomHex(32),
                AccountId = bucket.AccountId,
                BucketId = bucket.BucketId,
                BucketName = bucket.BucketName,
                RuleName = rule.Name,
                EventType = eventType,
                EventTimestamp = now,
                ObjectName = version.FileName,
                ObjectSize = version.Action == FileAction.Hide ? 0 : version.ContentLength,
                ObjectVersionId = version.FileId,
                NextAttemptAt = now,
            }).ToList();
            await _store.EnqueueNotificationEventsAsync(events, CancellationToken.None);
            EventsQueued?.Invoke();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogQueueFailed(_logger, eventType, version.FileId, e);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Could not queue the {EventType} event for {FileId}; it will not be delivered")]
    private static partial void LogQueueFailed(ILogger logger, string eventType, string fileId, Exception exception);
}
