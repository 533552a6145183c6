using Cairn.Core.Notifications;

namespace Cairn.Storage.Memory;

public sealed partial class MemoryMetadataStore
{
    private readonly Dictionary<string, IReadOnlyList<NotificationRule>> _notificationRules = new(StringComparer.Ordinal);

    // Queued in order; event ids index into it.
    private readonly LinkedList<NotificationEvent> _outbox = new();
    private readonly Dictionary<string, LinkedListNode<NotificationEvent>> _outboxById = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<NotificationRule>> GetNotificationRulesAsync(string bucketId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _buckets.ContainsKey(bucketId) ? _notificationRules.GetValueOrDefault(bucketId) ?? [] : (IReadOnlyList<NotificationRule>)[]);

    public Task<bool> SetNotificationRulesAsync(string bucketId, IReadOnlyList<NotificationRule> rules, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (!_buckets.ContainsKey(bucketId))
            {
                return false;
            }
            _notificationRules[bucketId] = rules.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
            return true;
        });

    public Task<bool> SuspendNotificationRuleAsync(string bucketId, string ruleName, string reason, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            foreach (var e in _outbox.Where(e => e.BucketId == bucketId && e.RuleName == ruleName).ToList())
            {
                RemoveQueued(e.EventId);
            }
            if (!_notificationRules.TryGetValue(bucketId, out var rules) || !rules.Any(r => r.Name == ruleName))
            {
                return false;
            }
            _notificationRules[bucketId] = rules.Select(r => r.Name == ruleName ? r with { IsSuspended = true, SuspensionReason = reason } : r).ToList();
            return true;
        });

    public Task EnqueueNotificationEventsAsync(IReadOnlyList<NotificationEvent> events, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (events.Select(e => e.EventId).Distinct(StringComparer.Ordinal).Count() != events.Count || events.Any(e => _outboxById.ContainsKey(e.EventId)))
            {
                throw new InvalidOperationException("Event ids must be unique.");
            }
            foreach (var e in events)
            {
                _outboxById[e.EventId] = _outbox.AddLast(e);
            }
            return events.Count;
        });

    public Task<IReadOnlyList<NotificationEvent>> ListDueNotificationEventsAsync(long now, int limit, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<NotificationEvent>>(cancellationToken, () => _outbox.Where(e => e.NextAttemptAt <= now).Take(limit).ToList());

    public Task DeleteNotificationEventsAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            foreach (var id in eventIds)
            {
                RemoveQueued(id);
            }
            return eventIds.Count;
        });

    public Task RescheduleNotificationEventsAsync(IReadOnlyCollection<string> eventIds, int attempts, long nextAttemptAt, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            foreach (var id in eventIds)
            {
                if (_outboxById.TryGetValue(id, out var node))
                {
                    node.Value = node.Value with { Attempts = attempts, NextAttemptAt = nextAttemptAt };
                }
            }
            return eventIds.Count;
        });

    private void RemoveQueued(string eventId)
    {
        if (_outboxById.Remove(eventId, out var node))
        {
            _outbox.Remove(node);
        }
    }
}
