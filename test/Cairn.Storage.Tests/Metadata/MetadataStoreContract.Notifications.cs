using Cairn.Core.Ids;
using Cairn.Core.Notifications;
using Cairn.Core.Storage;

namespace Cairn.Storage.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    protected static NotificationRule NewRule(string name, string prefix = "", params string[] eventTypes) => new()
    {
        Name = name,
        EventTypes = eventTypes.Length == 0 ? [EventTypes.ObjectCreatedAll] : eventTypes,
        ObjectNamePrefix = prefix,
        TargetConfiguration = new WebhookTarget
        {
            Url = "https://example.com/hook",
            CustomHeaders = [new WebhookHeader("X-Test", "1")],
            HmacSha256SigningSecret = "abcdefghijklmnopqrstuvwxyz012345",
        },
        MaxEventsPerBatch = 3,
    };

    protected static NotificationEvent NewEvent(string bucketId, string ruleName, long nextAttemptAt = 0, string objectName = "a.txt") => new()
    {
        EventId = IdGenerator.RandomHex(32),
        AccountId = AccountId,
        BucketId = bucketId,
        BucketName = "bucket",
        RuleName = ruleName,
        EventType = EventTypes.ObjectCreatedUpload,
        EventTimestamp = 1_700_000_000_000,
        ObjectName = objectName,
        ObjectSize = objectName.Length,
        ObjectVersionId = IdGenerator.NewFileId(bucketId, Core.Ids.FileIdKind.Small, DateTimeOffset.UtcNow),
        NextAttemptAt = nextAttemptAt,
    };

    [Fact]
    public async Task GetNotificationRules_NoneSet_IsEmpty()
    {
        var bucket = await AddBucketAsync();

        Assert.Empty(await Store.GetNotificationRulesAsync(bucket.BucketId, Ct));
        Assert.Empty(await Store.GetNotificationRulesAsync(IdGenerator.NewBucketId(), Ct));
    }

    [Fact]
    public async Task SetNotificationRules_RoundTrips_InNameOrder()
    {
        var bucket = await AddBucketAsync();
        var b = NewRule("rule-bbb", "logs/", EventTypes.ObjectDeletedDelete, EventTypes.HideMarkerCreatedAll);
        var a = NewRule("rule-aaa") with { IsSuspended = true, SuspensionReason = "failing", IsEnabled = false };

        Assert.True(await Store.SetNotificationRulesAsync(bucket.BucketId, [b, a], Ct));

        var stored = await Store.GetNotificationRulesAsync(bucket.BucketId, Ct);
        Assert.Equal(["rule-aaa", "rule-bbb"], stored.Select(r => r.Name));
        AssertSameRule(a, stored[0]);
        AssertSameRule(b, stored[1]);
    }

    [Fact]
    public async Task SetNotificationRules_ReplacesTheList_AndEmptyRemovesAll()
    {
        var bucket = await AddBucketAsync();
        await Store.SetNotificationRulesAsync(bucket.BucketId, [NewRule("first-rule"), NewRule("second-rule", "x/")], Ct);

        await Store.SetNotificationRulesAsync(bucket.BucketId, [NewRule("third-rule")], Ct);
        Assert.Equal(["third-rule"], (await Store.GetNotificationRulesAsync(bucket.BucketId, Ct)).Select(r => r.Name));

        await Store.SetNotificationRulesAsync(bucket.BucketId, [], Ct);
        Assert.Empty(await Store.GetNotificationRulesAsync(bucket.BucketId, Ct));
    }

    [Fact]
    public async Task SetNotificationRules_UnknownBucket_ReturnsFalse()
    {
        Assert.False(await Store.SetNotificationRulesAsync(IdGenerator.NewBucketId(), [NewRule("some-rule")], Ct));
    }

    [Fact]
    public async Task DeleteBucket_RemovesItsNotificationRules()
    {
        var bucket = await AddBucketAsync();
        await Store.SetNotificationRulesAsync(bucket.BucketId, [NewRule("some-rule")], Ct);

        Assert.Equal(BucketDeleteResult.Deleted, await Store.DeleteBucketAsync(bucket.BucketId, Ct));

        Assert.Empty(await Store.GetNotificationRulesAsync(bucket.BucketId, Ct));
    }

    [Fact]
    public async Task SuspendNotificationRule_MarksItAndDropsItsQueuedEvents()
    {
        var bucket = await AddBucketAsync();
        await Store.SetNotificationRulesAsync(bucket.BucketId, [NewRule("failing-rule"), NewRule("other-rule", "x/")], Ct);
        var other = NewEvent(bucket.BucketId, "other-rule");
        await Store.EnqueueNotificationEventsAsync([NewEvent(bucket.BucketId, "failing-rule"), other, NewEvent(bucket.BucketId, "failing-rule", 99)], Ct);

        Assert.True(await Store.SuspendNotificationRuleAsync(bucket.BucketId, "failing-rule", "HTTP 500", Ct));

        var rules = await Store.GetNotificationRulesAsync(bucket.BucketId, Ct);
        Assert.True(rules[0].IsSuspended);
        Assert.Equal("HTTP 500", rules[0].SuspensionReason);
        Assert.False(rules[1].IsSuspended);
        Assert.Equal([other.EventId], (await Store.ListDueNotificationEventsAsync(1000, 10, Ct)).Select(e => e.EventId));
        Assert.False(await Store.SuspendNotificationRuleAsync(bucket.BucketId, "no-such-rule", "x", Ct));
    }

    [Fact]
    public async Task ListDueNotificationEvents_InQueueOrder_OnlyDue_UpToLimit()
    {
        var bucket = await AddBucketAsync();
        var events = Enumerable.Range(0, 5).Select(i => NewEvent(bucket.BucketId, "some-rule", nextAttemptAt: i * 10, objectName: $"f{i}")).ToList();
        await Store.EnqueueNotificationEventsAsync(events.Take(3).ToList(), Ct);
        await Store.EnqueueNotificationEventsAsync(events.Skip(3).ToList(), Ct);

        var due = await Store.ListDueNotificationEventsAsync(30, 10, Ct);
        Assert.Equal(events.Take(4).Select(e => e.EventId), due.Select(e => e.EventId));
        Assert.Equal(events[1], due[1]);
        Assert.Equal(events.Take(2).Select(e => e.EventId), (await Store.ListDueNotificationEventsAsync(30, 2, Ct)).Select(e => e.EventId));
    }

    [Fact]
    public async Task NotificationEvents_RescheduleAndDelete()
    {
        var bucket = await AddBucketAsync();
        var first = NewEvent(bucket.BucketId, "some-rule") with { ObjectSize = null };
        var second = NewEvent(bucket.BucketId, "some-rule");
        await Store.EnqueueNotificationEventsAsync([first, second], Ct);

        await Store.RescheduleNotificationEventsAsync([first.EventId], 3, 500, Ct);
        Assert.Equal([second.EventId], (await Store.ListDueNotificationEventsAsync(499, 10, Ct)).Select(e => e.EventId));
        var due = await Store.ListDueNotificationEventsAsync(500, 10, Ct);
        Assert.Equal(first with { Attempts = 3, NextAttemptAt = 500 }, due[0]);

        await Store.DeleteNotificationEventsAsync([first.EventId, "not-queued"], Ct);
        Assert.Equal([second.EventId], (await Store.ListDueNotificationEventsAsync(1000, 10, Ct)).Select(e => e.EventId));
    }

    private static void AssertSameRule(NotificationRule expected, NotificationRule actual)
    {
        Assert.True(expected.SameDefinitionAs(actual), $"{expected} != {actual}");
        Assert.Equal(expected.IsSuspended, actual.IsSuspended);
        Assert.Equal(expected.SuspensionReason, actual.SuspensionReason);
    }
}
