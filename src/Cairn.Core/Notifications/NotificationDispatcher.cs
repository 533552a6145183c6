using Cairn.Core.Ids;
using Cairn.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Cairn.Core.Notifications;

/// <summary>
/// Delivers queued events: a pass reads the due events from the outbox, groups them by rule, POSTs up to the rule's
/// <c>maxEventsPerBatch</c> per invocation (B2's payload and signature, <see cref="WebhookPayload"/>), and removes
/// what was delivered. A failed invocation (no 2xx answer, a transport error, or the timeout) is retried with
/// exponential backoff; after <see cref="NotificationOptions.MaxAttempts"/> failures the rule is suspended, with the
/// reason visible through b2_get_bucket_notification_rules, and its queued events are dropped, as B2 suspends a rule
/// whose webhook keeps failing. Delivery is at least once, like B2's: a receiver that answers too late gets the
/// batch again. A lease in the metadata store lets one node at a time deliver.
/// </summary>
public sealed partial class NotificationDispatcher
{
    public const string LeaseName = "notifications";

    private readonly IMetadataStore _store;
    private readonly IWebhookSender _sender;
    private readonly NotificationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<NotificationDispatcher> _logger;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Raised after a rule is suspended, so that cached rules are read again.</summary>
    public event Action<string>? RuleSuspended;

    public NotificationDispatcher(IMetadataStore store, IWebhookSender sender, NotificationOptions options, TimeProvider time, ILogger<NotificationDispatcher> logger)
    {
        _store = store;
        _sender = sender;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>This node's name in leases.</summary>
    public string NodeId { get; } = Environment.MachineName + "-" + Environment.ProcessId + "-" + IdGenerator.RandomHex(6);

    private TimeSpan LeaseDuration => _options.LeaseDuration;

    /// <summary>One delivery pass. Returns the number of events delivered.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await RunLockedAsync(cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<int> RunLockedAsync(CancellationToken cancellationToken)
    {
        // Read first: an idle outbox costs one read per poll, and no write.
        var due = await _store.ListDueNotificationEventsAsync(_time.GetUtcNow().ToUnixTimeMilliseconds(), _options.MaxEventsPerPass, cancellationToken);
        if (due.Count == 0 || !await RenewLeaseAsync(cancellationToken))
        {
            return 0;
        }
        var delivered = 0;
        var rulesByBucket = new Dictionary<string, IReadOnlyList<NotificationRule>>(StringComparer.Ordinal);
        foreach (var group in due.GroupBy(e => (e.BucketId, e.RuleName)))
        {
            if (!rulesByBucket.TryGetValue(group.Key.BucketId, out var rules))
            {
                rules = await _store.GetNotificationRulesAsync(group.Key.BucketId, cancellationToken);
                rulesByBucket[group.Key.BucketId] = rules;
            }
            var rule = rules.FirstOrDefault(r => r.Name == group.Key.RuleName);
            if (rule is null || !rule.IsEnabled || rule.IsSuspended)
            {
                // The rule was removed, disabled or suspended after these events were queued: B2 sends nothing for it.
                await _store.DeleteNotificationEventsAsync(group.Select(e => e.EventId).ToList(), cancellationToken);
                continue;
            }
            foreach (var batch in group.Chunk(rule.MaxEventsPerBatch))
            {
                if (!await RenewLeaseAsync(cancellationToken))
                {
                    return delivered;
                }
                if (!await DeliverAsync(rule, batch, cancellationToken))
                {
                    break; // the rest of this rule's events wait for the next pass rather than hammer a failing endpoint
                }
                delivered += batch.Length;
            }
        }
        return delivered;
    }

    private async Task<bool> DeliverAsync(NotificationRule rule, NotificationEvent[] batch, CancellationToken cancellationToken)
    {
        var body = WebhookPayload.Serialize(batch);
        var target = rule.TargetConfiguration;
        var headers = new List<WebhookHeader>(target.CustomHeaders ?? []);
        if (target.HmacSha256SigningSecret is { } secret)
        {
            headers.Add(new WebhookHeader(WebhookPayload.SignatureHeader, WebhookPayload.Sign(secret, body)));
        }
        var outcome = await _sender.SendAsync(target.Url, body, headers, cancellationToken);
        var ids = batch.Select(e => e.EventId).ToList();
        if (outcome.Succeeded)
        {
            await _store.DeleteNotificationEventsAsync(ids, CancellationToken.None);
            LogDelivered(_logger, batch.Length, rule.Name, batch[0].BucketId);
            return true;
        }
        var failures = batch.Max(e => e.Attempts) + 1;
        if (failures >= _options.MaxAttempts)
        {
            var reason = $"Webhook invocation failed {failures} times in a row; last failure: {outcome.Detail}";
            await _store.SuspendNotificationRuleAsync(batch[0].BucketId, rule.Name, reason, CancellationToken.None);
            RuleSuspended?.Invoke(batch[0].BucketId);
            LogSuspended(_logger, rule.Name, batch[0].BucketId, reason);
            return false;
        }
        var next = _time.GetUtcNow() + _options.BackoffAfter(failures);
        await _store.RescheduleNotificationEventsAsync(ids, failures, next.ToUnixTimeMilliseconds(), CancellationToken.None);
        LogRetrying(_logger, rule.Name, batch[0].BucketId, failures, outcome.Detail, next);
        return false;
    }

    private Task<bool> RenewLeaseAsync(CancellationToken cancellationToken) =>
        _store.TryAcquireLeaseAsync(LeaseName, NodeId, _time.GetUtcNow(), LeaseDuration, cancellationToken);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Delivered {Count} events of rule {RuleName} in bucket {BucketId}")]
    private static partial void LogDelivered(ILogger logger, int count, string ruleName, string bucketId);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Webhook of rule {RuleName} in bucket {BucketId} failed (attempt {Attempt}: {Detail}); retrying at {NextAttempt:o}")]
    private static partial void LogRetrying(ILogger logger, string ruleName, string bucketId, int attempt, string detail, DateTimeOffset nextAttempt);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Suspended rule {RuleName} in bucket {BucketId}: {Reason}")]
    private static partial void LogSuspended(ILogger logger, string ruleName, string bucketId, string reason);
}
