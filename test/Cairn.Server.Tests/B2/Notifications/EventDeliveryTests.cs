using System.Text.Json;
using Cairn.Server.Tests.B2.LargeFiles;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Notifications;

/// <summary>
/// Events reach a real webhook receiver on loopback: B2's payload, its signature, custom headers, retries after
/// failures, and suspension of a rule whose webhook keeps failing.
/// </summary>
public sealed class EventDeliveryTests(NotificationServerFixture fixture) : IClassFixture<NotificationServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private WebhookReceiver? _receiver;

    private WebhookReceiver Receiver => _receiver!;

    private B2Session Session => fixture.Session;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await Receiver.DisposeAsync();

    [Fact]
    public async Task UploadHideDelete_EachReachesTheWebhook_SignedWithB2sPayload()
    {
        var bucketId = await NotificationWire.NewBucketAsync(Session);
        var bucketName = await BucketNameAsync(bucketId);
        await NotificationWire.SetOkAsync(Session, bucketId, NotificationWire.Rule("all-events", Receiver.Url,
            customHeaders: new[] { new { name = "X-Hook-Token", value = "let me in" } }));

        var upload = await Session.UploadAsync(bucketId, "photos/cat.jpg", TestWire.Bytes("meow!"));
        var hide = await Session.CallAsync("b2_hide_file", new { bucketId, fileName = "photos/cat.jpg" });
        var uploadId = upload.GetProperty("fileId").GetString()!;
        await Session.CallAsync("b2_delete_file_version", new { fileId = uploadId, fileName = "photos/cat.jpg" });

        var received = await Receiver.WaitForAsync(r => r.Sum(x => x.Events.Count) >= 3, Bound);
        var events = received.SelectMany(r => r.Events).ToList();
        Assert.Equal(["b2:ObjectCreated:Upload", "b2:HideMarkerCreated:Hide", "b2:ObjectDeleted:Delete"], events.Select(e => e.GetProperty("eventType").GetString()));
        foreach (var request in received)
        {
            Assert.True(request.HasValidSignature(NotificationWire.Secret), "signature must verify with the rule's secret");
            Assert.False(request.HasValidSignature("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"));
            Assert.Equal("let me in", request.Header("X-Hook-Token"));
            Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        }
        foreach (var e in events)
        {
            Assert.Equal(
                ["accountId", "bucketId", "bucketName", "eventId", "eventTimestamp", "eventType", "eventVersion", "matchedRuleName", "objectName", "objectSize", "objectVersionId"],
                TestWire.Keys(e));
            Assert.Equal(Session.AccountId, e.GetProperty("accountId").GetString());
            Assert.Equal(bucketId, e.GetProperty("bucketId").GetString());
            Assert.Equal(bucketName, e.GetProperty("bucketName").GetString());
            Assert.Equal(1, e.GetProperty("eventVersion").GetInt32());
            Assert.Equal("all-events", e.GetProperty("matchedRuleName").GetString());
            Assert.Equal("photos/cat.jpg", e.GetProperty("objectName").GetString());
            Assert.InRange(e.GetProperty("eventTimestamp").GetInt64(), upload.GetProperty("uploadTimestamp").GetInt64(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
        Assert.Equal(3, events.Select(e => e.GetProperty("eventId").GetString()).Distinct().Count());
        Assert.Equal([uploadId, hide.GetProperty("fileId").GetString(), uploadId], events.Select(e => e.GetProperty("objectVersionId").GetString()));
        Assert.Equal([5L, 0L, 5L], events.Select(e => e.GetProperty("objectSize").GetInt64()));
    }

    [Fact]
    public async Task CopyAndLargeFile_AreCopyAndMultipartUploadEvents_OnlyForMatchingRules()
    {
        var bucketId = await NotificationWire.NewBucketAsync(Session);
        await NotificationWire.SetOkAsync(Session, bucketId,
            NotificationWire.Rule("created-in-docs", Receiver.Url, ["b2:ObjectCreated:*"], prefix: "docs/", maxEventsPerBatch: 10),
            NotificationWire.Rule("disabled-rule", Receiver.Url, ["b2:ObjectCreated:*"], prefix: "other/", isEnabled: false));

        var source = await Session.UploadAsync(bucketId, "docs/a.txt", TestWire.Bytes("a"));
        await Session.UploadAsync(bucketId, "elsewhere.txt", TestWire.Bytes("not matched"));
        await Session.UploadAsync(bucketId, "other/x.txt", TestWire.Bytes("rule disabled"));
        await Session.CallAsync("b2_hide_file", new { bucketId, fileName = "docs/a.txt" });
        await Session.CallAsync("b2_copy_file", new { sourceFileId = source.GetProperty("fileId").GetString(), fileName = "docs/b.txt" });
        var large = await Session.UploadLargeAsync(bucketId, "docs/big.bin", [LargeFileWire.Bytes(600, 1), LargeFileWire.Bytes(400, 2)]);

        var received = await Receiver.WaitForAsync(r => r.Sum(x => x.Events.Count) >= 3, Bound);
        await Task.Delay(300); // nothing else may follow
        var events = Receiver.Received.SelectMany(r => r.Events).ToList();
        Assert.Equal(["b2:ObjectCreated:Upload docs/a.txt", "b2:ObjectCreated:Copy docs/b.txt", "b2:ObjectCreated:MultipartUpload docs/big.bin"],
            events.Select(e => $"{e.GetProperty("eventType").GetString()} {e.GetProperty("objectName").GetString()}"));
        Assert.Equal(large.GetProperty("fileId").GetString(), events[2].GetProperty("objectVersionId").GetString());
        Assert.Equal(1000, events[2].GetProperty("objectSize").GetInt64());
        Assert.All(Receiver.Received, r => Assert.True(r.HasValidSignature(NotificationWire.Secret)));
    }

    [Fact]
    public async Task WebhookAnswers500_EventIsRetriedWithBackoff_UntilItSucceeds()
    {
        Receiver.Respond = n => n < 2 ? 500 : 200;
        var bucketId = await NotificationWire.NewBucketAsync(Session);
        await NotificationWire.SetOkAsync(Session, bucketId, NotificationWire.Rule("flaky-hook", Receiver.Url));

        await Session.UploadAsync(bucketId, "retry-me.txt", TestWire.Bytes("x"));

        var received = await Receiver.WaitForAsync(r => r.Any(x => x.AnsweredStatus == 200), Bound);
        Assert.Equal([500, 500, 200], received.Select(r => r.AnsweredStatus));
        // The same event, retried: same id and body, still signed.
        Assert.Single(received.Select(r => r.Events.Single().GetProperty("eventId").GetString()).Distinct());
        Assert.All(received, r => Assert.True(r.HasValidSignature(NotificationWire.Secret)));
        await Task.Delay(300);
        Assert.Equal(3, Receiver.Received.Count);
        var rule = (await NotificationWire.GetAsync(Session, bucketId)).GetProperty("eventNotificationRules")[0];
        Assert.False(rule.GetProperty("isSuspended").GetBoolean());
    }

    [Fact]
    public async Task WebhookKeepsFailing_RuleIsSuspended_VisibleThroughGet_AndGetsNoMoreEvents()
    {
        Receiver.Respond = _ => 500;
        var bucketId = await NotificationWire.NewBucketAsync(Session);
        var rule = NotificationWire.Rule("broken-hook", Receiver.Url);
        await NotificationWire.SetOkAsync(Session, bucketId, rule);

        await Session.UploadAsync(bucketId, "doomed.txt", TestWire.Bytes("x"));

        var suspended = await WaitForRuleAsync(bucketId, r => r.GetProperty("isSuspended").GetBoolean());
        Assert.Contains("HTTP 500", suspended.GetProperty("suspensionReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(NotificationServerFixture.MaxAttempts, Receiver.Received.Count);

        // Suspended: new events are not sent, and setting the same rule again keeps it suspended.
        await Session.UploadAsync(bucketId, "ignored.txt", TestWire.Bytes("x"));
        await NotificationWire.SetOkAsync(Session, bucketId, rule);
        await Task.Delay(300);
        Assert.Equal(NotificationServerFixture.MaxAttempts, Receiver.Received.Count);
        Assert.True((await NotificationWire.GetAsync(Session, bucketId)).GetProperty("eventNotificationRules")[0].GetProperty("isSuspended").GetBoolean());

        // Changing the rule (here: re-enabling it after disabling) lifts the suspension; events flow again.
        Receiver.Respond = _ => 200;
        await NotificationWire.SetOkAsync(Session, bucketId, NotificationWire.Rule("broken-hook", Receiver.Url, isEnabled: false));
        var lifted = await NotificationWire.SetOkAsync(Session, bucketId, rule);
        Assert.False(lifted.GetProperty("eventNotificationRules")[0].GetProperty("isSuspended").GetBoolean());
        Assert.Equal("", lifted.GetProperty("eventNotificationRules")[0].GetProperty("suspensionReason").GetString());
        await Session.UploadAsync(bucketId, "after.txt", TestWire.Bytes("x"));
        await Receiver.WaitForAsync(r => r.Any(x => x.AnsweredStatus == 200 && x.Events[0].GetProperty("objectName").GetString() == "after.txt"), Bound);
    }

    [Fact]
    public async Task WebhookUnreachable_UploadStillSucceedsPromptly()
    {
        var bucketId = await NotificationWire.NewBucketAsync(Session);
        await NotificationWire.SetOkAsync(Session, bucketId, NotificationWire.Rule("nobody-home", "http://127.0.0.1:9/hook"));

        var started = DateTime.UtcNow;
        var stored = await Session.UploadAsync(bucketId, "fine.txt", TestWire.Bytes("x"));
        Assert.Equal("fine.txt", stored.GetProperty("fileName").GetString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        await WaitForRuleAsync(bucketId, r => r.GetProperty("isSuspended").GetBoolean());
    }

    private async Task<JsonElement> WaitForRuleAsync(string bucketId, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            var rule = (await NotificationWire.GetAsync(Session, bucketId)).GetProperty("eventNotificationRules")[0];
            if (condition(rule))
            {
                return rule;
            }
            Assert.True(DateTime.UtcNow < deadline, $"rule did not reach the expected state: {rule}");
            await Task.Delay(50);
        }
    }

    private async Task<string> BucketNameAsync(string bucketId)
    {
        var buckets = await Session.CallAsync("b2_list_buckets", new { accountId = Session.AccountId, bucketId });
        return buckets.GetProperty("buckets")[0].GetProperty("bucketName").GetString()!;
    }
}
