using Cairn.Core.Notifications;
using Cairn.Storage.Postgres.Internal;
using Npgsql;

namespace Cairn.Storage.Postgres;

public sealed partial class PostgresMetadataStore
{
    private const string SelectNotificationRules = "SELECT rules FROM notification_rules WHERE bucket_id = @bucket_id";

    private const string LockNotificationRules = SelectNotificationRules + " FOR UPDATE";

    private const string UpsertNotificationRules =
        "INSERT INTO notification_rules (bucket_id, rules) VALUES (@bucket_id, @rules) " +
        "ON CONFLICT (bucket_id) DO UPDATE SET rules = excluded.rules";

    private const string DeleteNotificationRules = "DELETE FROM notification_rules WHERE bucket_id = @bucket_id";

    private const string EventColumns =
        "event_id, account_id, bucket_id, bucket_name, rule_name, event_type, event_timestamp, object_name, object_size, " +
        "object_version_id, attempts, next_attempt_at";

    // Every event of the call in one statement, in the order given (the identity follows the ORDER BY).
    private const string InsertEvents =
        "INSERT INTO notification_events (" + EventColumns + ") " +
        "SELECT e.event_id, e.account_id, e.bucket_id, e.bucket_name, e.rule_name, e.event_type, e.event_timestamp, e.object_name, " +
        "e.object_size, e.object_version_id, e.attempts, e.next_attempt_at " +
        "FROM unnest(@event_ids, @account_ids, @bucket_ids, @bucket_names, @rule_names, @event_types, @event_timestamps, " +
        "@object_names, @object_sizes, @object_version_ids, @attempts, @next_attempt_ats) WITH ORDINALITY " +
        "AS e(event_id, account_id, bucket_id, bucket_name, rule_name, event_type, event_timestamp, object_name, object_size, " +
        "object_version_id, attempts, next_attempt_at, o) ORDER BY e.o";

    private const string SelectDueEvents =
        "SELECT " + EventColumns + " FROM notification_events WHERE next_attempt_at <= @now ORDER BY seq LIMIT @limit";

    private const string DeleteEvents = "DELETE FROM notification_events WHERE event_id = ANY(@event_ids)";

    private const string DeleteRuleEvents = "DELETE FROM notification_events WHERE bucket_id = @bucket_id AND rule_name = @rule_name";

    private const string RescheduleEvents =
        "UPDATE notification_events SET attempts = @attempts, next_attempt_at = @next_attempt_at WHERE event_id = ANY(@event_ids)";

    public Task<IReadOnlyList<NotificationRule>> GetNotificationRulesAsync(string bucketId, CancellationToken cancellationToken) =>
        ReadAsync((s, ct) => ReadNotificationRulesAsync(s, SelectNotificationRules, bucketId, ct), cancellationToken);

    public Task<bool> SetNotificationRulesAsync(string bucketId, IReadOnlyList<NotificationRule> rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var json = StoreJson.Write(rules.OrderBy(r => r.Name, StringComparer.Ordinal).ToList());
        return WriteAsync(async (s, ct) =>
        {
            if (!await LockBucketAsync(s, bucketId, ct).ConfigureAwait(false))
            {
                return false;
            }
            var command = rules.Count == 0
                ? s.Command(DeleteNotificationRules).With("bucket_id", bucketId)
                : s.Command(UpsertNotificationRules).With("bucket_id", bucketId).With("rules", json);
            await command.ExecuteAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<bool> SuspendNotificationRuleAsync(string bucketId, string ruleName, string reason, CancellationToken cancellationToken) =>
        WriteAsync(async (s, ct) =>
        {
            await s.Command(DeleteRuleEvents).With("bucket_id", bucketId).With("rule_name", ruleName).ExecuteAsync(ct).ConfigureAwait(false);
            var rules = await ReadNotificationRulesAsync(s, LockNotificationRules, bucketId, ct).ConfigureAwait(false);
            if (!rules.Any(r => r.Name == ruleName))
            {
                return false;
            }
            var updated = rules.Select(r => r.Name == ruleName ? r with { IsSuspended = true, SuspensionReason = reason } : r).ToList();
            await s.Command(UpsertNotificationRules).With("bucket_id", bucketId).With("rules", StoreJson.Write(updated)).ExecuteAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task EnqueueNotificationEventsAsync(IReadOnlyList<NotificationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }
        return WriteAsync((s, ct) => s.Command(InsertEvents)
            .With("event_ids", Texts(events, e => e.EventId))
            .With("account_ids", Texts(events, e => e.AccountId))
            .With("bucket_ids", Texts(events, e => e.BucketId))
            .With("bucket_names", Texts(events, e => e.BucketName))
            .With("rule_names", Texts(events, e => e.RuleName))
            .With("event_types", Texts(events, e => e.EventType))
            .With("event_timestamps", events.Select(e => e.EventTimestamp).ToArray())
            .With("object_names", Texts(events, e => e.ObjectName))
            .With("object_sizes", events.Select(e => e.ObjectSize).ToArray())
            .With("object_version_ids", Texts(events, e => e.ObjectVersionId))
            .With("attempts", events.Select(e => (long)e.Attempts).ToArray())
            .With("next_attempt_ats", events.Select(e => e.NextAttemptAt).ToArray())
            .ExecuteAsync(ct), cancellationToken, transaction: false);
    }

    public async Task<IReadOnlyList<NotificationEvent>> ListDueNotificationEventsAsync(long now, int limit, CancellationToken cancellationToken) =>
        await ReadAsync((s, ct) => s.Command(SelectDueEvents).With("now", now).With("limit", (long)Math.Max(limit, 0)).ReadAllAsync(ReadEvent, ct), cancellationToken)
            .ConfigureAwait(false);

    public Task DeleteNotificationEventsAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        if (eventIds.Count == 0)
        {
            return Task.CompletedTask;
        }
        string?[] ids = [.. eventIds];
        return WriteAsync((s, ct) => s.Command(DeleteEvents).With("event_ids", ids).ExecuteAsync(ct), cancellationToken, transaction: false);
    }

    public Task RescheduleNotificationEventsAsync(IReadOnlyCollection<string> eventIds, int attempts, long nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        if (eventIds.Count == 0)
        {
            return Task.CompletedTask;
        }
        string?[] ids = [.. eventIds];
        return WriteAsync((s, ct) => s.Command(RescheduleEvents)
            .With("event_ids", ids)
            .With("attempts", attempts)
            .With("next_attempt_at", nextAttemptAt)
            .ExecuteAsync(ct), cancellationToken, transaction: false);
    }

    private static string?[] Texts(IReadOnlyList<NotificationEvent> events, Func<NotificationEvent, string> select) =>
        events.Select(e => (string?)select(e)).ToArray();

    private static async Task<IReadOnlyList<NotificationRule>> ReadNotificationRulesAsync(PostgresSession session, string sql, string bucketId, CancellationToken cancellationToken) =>
        await session.Command(sql).With("bucket_id", bucketId).ScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? StoreJson.ReadNotificationRules(json)
            : [];

    private static NotificationEvent ReadEvent(NpgsqlDataReader r) => new()
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
