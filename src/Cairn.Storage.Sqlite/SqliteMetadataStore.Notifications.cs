using Cairn.Core.Notifications;
using Cairn.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Cairn.Storage.Sqlite;

public sealed partial class SqliteMetadataStore
{
    private const string SelectNotificationRules = "SELECT rules FROM notification_rules WHERE bucket_id = $bucket_id";

    private const string UpsertNotificationRules =
        "INSERT INTO notification_rules (bucket_id, rules) VALUES ($bucket_id, $rules) " +
        "ON CONFLICT (bucket_id) DO UPDATE SET rules = excluded.rules";

    private const string DeleteNotificationRules = "DELETE FROM notification_rules WHERE bucket_id = $bucket_id";

    private const string EventColumns =
        "event_id, account_id, bucket_id, bucket_name, rule_name, event_type, event_timestamp, object_name, object_size, " +
        "object_version_id, attempts, next_attempt_at";

    private const string InsertEvent =
        "INSERT INTO notification_events (" + EventColumns + ") VALUES ($event_id, $account_id, $bucket_id, $bucket_name, " +
        "$rule_name, $event_type, $event_timestamp, $object_name, $object_size, $object_version_id, $attempts, $next_attempt_at)";

    private const string SelectDueEvents =
        "SELECT " + EventColumns + " FROM notification_events WHERE next_attempt_at <= $now ORDER BY seq LIMIT $limit";

    private const string DeleteEvent = "DELETE FROM notification_events WHERE event_id = $event_id";

    private const string DeleteRuleEvents = "DELETE FROM notification_events WHERE bucket_id = $bucket_id AND rule_name = $rule_name";

    private const string RescheduleEvent =
        "UPDATE notification_events SET attempts = $attempts, next_attempt_at = $next_attempt_at WHERE event_id = $event_id";

    public Task<IReadOnlyList<NotificationRule>> GetNotificationRulesAsync(string bucketId, CancellationToken cancellationToken) =>
        ReadAsync(s => ReadNotificationRules(s, bucketId), cancellationToken);

    public Task<bool> SetNotificationRulesAsync(string bucketId, IReadOnlyList<NotificationRule> rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var json = StoreJson.Write(rules.OrderBy(r => r.Name, StringComparer.Ordinal).ToList());
        return WriteAsync(s =>
        {
            if (s.Command(SelectBucketExists).With("$bucket_id", bucketId).Scalar() is null)
            {
                return false;
            }
            if (rules.Count == 0)
            {
                s.Command(DeleteNotificationRules).With("$bucket_id", bucketId).ExecuteNonQuery();
            }
            else
            {
                s.Command(UpsertNotificationRules).With("$bucket_id", bucketId).With("$rules", json).ExecuteNonQuery();
            }
            return true;
        }, cancellationToken);
    }

    public Task<bool> SuspendNotificationRuleAsync(string bucketId, string ruleName, string reason, CancellationToken cancellationToken) =>
        WriteAsync(s =>
        {
            s.Command(DeleteRuleEvents).With("$bucket_id", bucketId).With("$rule_name", ruleName).ExecuteNonQuery();
            var rules = ReadNotificationRules(s, bucketId);
            if (!rules.Any(r => r.Name == ruleName))
            {
                return false;
            }
            var updated = rules.Select(r => r.Name == ruleName ? r with { IsSuspended = true, SuspensionReason = reason } : r).ToList();
            s.Command(UpsertNotificationRules).With("$bucket_id", bucketId).With("$rules", StoreJson.Write(updated)).ExecuteNonQuery();
            return true;
        }, cancellationToken);

    public Task EnqueueNotificationEventsAsync(IReadOnlyList<NotificationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }
        return WriteAsync(s =>
        {
            foreach (var e in events)
            {
                s.Command(InsertEvent)
                    .With("$event_id", e.EventId)
                    .With("$account_id", e.AccountId)
                    .With("$bucket_id", e.BucketId)
                    .With("$bucket_name", e.BucketName)
                    .With("$rule_name", e.RuleName)
                    .With("$event_type", e.EventType)
                    .With("$event_timestamp", e.EventTimestamp)
                    .With("$object_name", e.ObjectName)
                    .With("$object_size", e.ObjectSize)
                    .With("$object_version_id", e.ObjectVersionId)
                    .With("$attempts", (long)e.Attempts)
                    .With("$next_attempt_at", e.NextAttemptAt)
                    .ExecuteNonQuery();
            }
            return events.Count;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<NotificationEvent>> ListDueNotificationEventsAsync(long now, int limit, CancellationToken cancellationToken) =>
        await ReadAsync(s => s.Command(SelectDueEvents).With("$now", now).With("$limit", (long)limit).ReadAll(ReadEvent), cancellationToken)
            .ConfigureAwait(false);

    public Task DeleteNotificationEventsAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        if (eventIds.Count == 0)
        {
            return Task.CompletedTask;
        }
        return WriteAsync(s =>
        {
            foreach (var id in eventIds)
            {
                s.Command(DeleteEvent).With("$event_id", id).ExecuteNonQuery();
            }
            return eventIds.Count;
        }, cancellationToken);
    }

    public Task RescheduleNotificationEventsAsync(IReadOnlyCollection<string> eventIds, int attempts, long nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        if (eventIds.Count == 0)
        {
            return Task.CompletedTask;
        }
        return WriteAsync(s =>
        {
            foreach (var id in eventIds)
            {
                s.Command(RescheduleEvent).With("$event_id", id).With("$attempts", (long)attempts).With("$next_attempt_at", nextAttemptAt).ExecuteNonQuery();
            }
            return eventIds.Count;
        }, cancellationToken);
    }

    private static IReadOnlyList<NotificationRule> ReadNotificationRules(SqliteSession session, string bucketId) =>
        session.Command(SelectNotificationRules).With("$bucket_id", bucketId).Scalar() is string json ? StoreJson.ReadNotificationRules(json) : [];

    private static NotificationEvent ReadEvent(SqliteDataReader r) => new()
    {
        EventId = r.GetString(0),
        AccountId = r.GetString(1),
        BucketId = r.GetString(2),
        BucketName = r.GetString(3),
        RuleName = r.GetString(4),
        EventType = r.GetString(5),
        EventTimestamp = r.GetInt64(6),
        ObjectName = r.GetString(7),
        ObjectSize = r.NullableInt64(8),
        ObjectVersionId = r.GetString(9),
        Attempts = r.GetInt32(10),
        NextAttemptAt = r.GetInt64(11),
    };
}
