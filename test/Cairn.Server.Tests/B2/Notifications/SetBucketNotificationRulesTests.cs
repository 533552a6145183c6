using System.Text.Json;
using Cairn.Server.Tests.B2.Keys;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Notifications;

/// <summary>b2_set_bucket_notification_rules and b2_get_bucket_notification_rules: validation, round trip, capabilities.</summary>
public sealed class SetBucketNotificationRulesTests(NotificationServerFixture fixture) : IClassFixture<NotificationServerFixture>
{
    private const string Hook = "https://hooks.example.com/b2";

    private B2Session Session => fixture.Session;

    [Fact]
    public async Task SetThenGet_RoundTripsEveryField_InNameOrder()
    {
        var bucketId = await NotificationWire.NewBucketAsync(Session);
        var headers = new[] { new { name = "X-My-Header", value = "my value" } };

        var set = await NotificationWire.SetOkAsync(Session, bucketId,
            NotificationWire.Rule("zz-second-rule", Hook, ["b2:ObjectDeleted:Delete"], prefix: "logs/", secret: null, isEnabled: false),
            NotificationWire.Rule("first-rule", Hook, ["b2:ObjectCreated:Upload", "b2:ObjectCreated:MultipartUpload"], customHeaders: headers, maxEventsPerBatch: 10));

        Assert.Equal(bucketId, set.GetProperty("bucketId").GetString());
        var rules = set.GetProperty("eventNotificationRules").EnumerateArray().ToList();
        Assert.Equal(["first-rule", "zz-second-rule"], rules.Select(r => r.GetProperty("name").GetString()));
        var first = rules[0];
        Assert.Equal(["eventTypes", "isEnabled", "isSuspended", "maxEventsPerBatch", "name", "objectNamePrefix", "suspensionReason", "targetConfiguration"],
            TestWire.Keys(first));
        Assert.Equal(["b2:ObjectCreated:Upload", "b2:ObjectCreated:MultipartUpload"], first.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.True(first.GetProperty("isEnabled").GetBoolean());
        Assert.False(first.GetProperty("isSuspended").GetBoolean());
        Assert.Equal("", first.GetProperty("suspensionReason").GetString());
        Assert.Equal(10, first.GetProperty("maxEventsPerBatch").GetInt32());
        Assert.Equal("", first.GetProperty("objectNamePrefix").GetString());
        var target = first.GetProperty("targetConfiguration");
        Assert.Equal("webhook", target.GetProperty("targetType").GetString());
        Assert.Equal(Hook, target.GetProperty("url").GetString());
        Assert.Equal(NotificationWire.Secret, target.GetProperty("hmacSha256SigningSecret").GetString());
        Assert.Equal("""[{"name":"X-My-Header","value":"my value"}]""", target.GetProperty("customHeaders").GetRawText());
        var second = rules[1];
        Assert.False(second.GetProperty("isEnabled").GetBoolean());
        Assert.Equal("logs/", second.GetProperty("objectNamePrefix").GetString());
        Assert.Equal(1, second.GetProperty("maxEventsPerBatch").GetInt32());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("targetConfiguration").GetProperty("hmacSha256SigningSecret").ValueKind);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("targetConfiguration").GetProperty("customHeaders").ValueKind);

        // b2sdk reads them back with GET ?bucketId=; POST works too.
        using var get = await Session.GetCallAsync("b2_get_bucket_notification_rules", [new("bucketId", bucketId)]);
        Assert.Equal(set.GetRawText(), (await TestWire.JsonAsync(get)).GetRawText());
        Assert.Equal(set.GetRawText(), (await NotificationWire.GetAsync(Session, bucketId)).GetRawText());
    }

    [Fact]
    public async Task Set_ReplacesTheWholeList_EmptyRemovesAll()
    {
        var bucketId = await NotificationWire.NewBucketAsync(Session);
        await NotificationWire.SetOkAsync(Session, bucketId, NotificationWire.Rule("rule-one", Hook, prefix: "a/"), NotificationWire.Rule("rule-two", Hook, prefix: "b/"));
        await NotificationWire.SetOkAsync(Session, bucketId, NotificationWire.Rule("rule-three", Hook));
        Assert.Equal(["rule-three"], Names(await NotificationWire.GetAsync(Session, bucketId)));

        var cleared = await NotificationWire.SetOkAsync(Session, bucketId);
        Assert.Empty(cleared.GetProperty("eventNotificationRules").EnumerateArray());
        Assert.Empty(Names(await NotificationWire.GetAsync(Session, bucketId)));
    }

    [Fact]
    public async Task Get_NewBucket_IsEmpty_UnknownBucket_Returns400BadBucketId()
    {
        var bucketId = await NotificationWire.NewBucketAsync(Session);
        Assert.Empty(Names(await NotificationWire.GetAsync(Session, bucketId)));

        await TestWire.ErrorAsync(await Session.PostAsync("b2_get_bucket_notification_rules", new { bucketId = "0123456789abcdef01234567" }), 400, "bad_bucket_id");
        await TestWire.ErrorAsync(await NotificationWire.SetAsync(Session, "0123456789abcdef01234567"), 400, "bad_bucket_id");
    }

    [Theory]
    [InlineData(new string[0], "event_types_empty")]
    [InlineData(new[] { "b2:ObjectCreated:Bogus" }, "event_type_invalid")]
    [InlineData(new[] { "ObjectCreated" }, "event_type_invalid")]
    [InlineData(new[] { "b2:ObjectDownloaded:*" }, "event_type_categories")]
    [InlineData(new[] { "b2:ObjectCreated:*", "b2:ObjectCreated:Upload" }, "event_type_overlap")]
    [InlineData(new[] { "b2:ObjectDeleted:Delete", "b2:ObjectDeleted:Delete" }, "event_type_overlap")]
    public async Task Set_BadEventTypes_Returns400WithB2sCode(string[] eventTypes, string code)
    {
        var bucketId = await NotificationWire.NewBucketAsync(Session);

        await TestWire.ErrorAsync(await NotificationWire.SetAsync(Session, bucketId, NotificationWire.Rule("my-rule", Hook, eventTypes)), 400, code);
        Assert.Empty(Names(await NotificationWire.GetAsync(Session, bucketId)));
    }

    [Theory]
    [InlineData("images/", "images/pets/", "b2:ObjectCreated:*", "b2:ObjectCreated:Upload", true)]
    [InlineData("", "anything", "b2:ObjectCreated:Copy", "b2:ObjectCreated:Copy", true)]
    [InlineData("images/", "videos/", "b2:ObjectCreated:*", "b2:ObjectCreated:*", false)]
    [InlineData("images/", "images/pets/", "b2:ObjectCreated:*", "b2:HideMarkerCreated:*", false)]
    [InlineData("", "", "b2:ObjectCreated:Upload", "b2:ObjectCreated:Copy", false)]
    public async Task Set_TwoRules_OverlapIsRefused(string prefixA, string prefixB, string typeA, string typeB, bool overlap)
    {
        var bucketId = await NotificationWire.NewBucketAsync(Session);

        using var response = await NotificationWire.SetAsync(Session, bucketId,
            NotificationWire.Rule("rule-aaa", Hook, [typeA], prefixA), NotificationWire.Rule("rule-bbb", Hook, [typeB], prefixB));

        if (overlap)
        {
            await TestWire.ErrorAsync(response, 400, "event_type_overlap");
        }
        else
        {
            Assert.Equal(2, Names(await TestWire.JsonAsync(response)).Count);
        }
    }

    public static TheoryData<string, Dictionary<string, object?>> BadRules() => new()
    {
        { "short name", NotificationWire.Rule("abc", Hook) },
        { "name with underscore", NotificationWire.Rule("my_rule_1", Hook) },
        { "reserved name", NotificationWire.Rule("b2-my-rule", Hook) },
        { "secret too short", NotificationWire.Rule("my-rule-1", Hook, secret: "short") },
        { "secret not alphanumeric", NotificationWire.Rule("my-rule-1", Hook, secret: "abcdefghijklmnopqrstuvwxyz01234-") },
        { "plain http off loopback", NotificationWire.Rule("my-rule-1", "http://hooks.example.com/b2") },
        { "not a url", NotificationWire.Rule("my-rule-1", "hooks.example.com") },
        { "ftp url", NotificationWire.Rule("my-rule-1", "ftp://hooks.example.com/") },
        { "reserved header", NotificationWire.Rule("my-rule-1", Hook, customHeaders: new[] { new { name = "X-Bz-Event-Notification-Signature", value = "x" } }) },
        { "bad header name", NotificationWire.Rule("my-rule-1", Hook, customHeaders: new[] { new { name = "Bad Header", value = "x" } }) },
        { "batch too large", NotificationWire.Rule("my-rule-1", Hook, maxEventsPerBatch: 51) },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task Set_InvalidRule_Returns400BadRequest(string why, Dictionary<string, object?> rule)
    {
        var bucketId = await NotificationWire.NewBucketAsync(Session);

        var error = await TestWire.ErrorAsync(await NotificationWire.SetAsync(Session, bucketId, rule), 400, "bad_request");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()), why);
    }

    [Fact]
    public async Task Set_DuplicateNamesOrMoreThan25Rules_Returns400BadRequest()
    {
        var bucketId = await NotificationWire.NewBucketAsync(Session);
        await TestWire.ErrorAsync(await NotificationWire.SetAsync(Session, bucketId,
            NotificationWire.Rule("same-name", Hook, prefix: "a/"), NotificationWire.Rule("same-name", Hook, prefix: "b/")), 400, "bad_request");

        var many = Enumerable.Range(0, 26).Select(i => (object)NotificationWire.Rule($"rule-{i:D3}", Hook, prefix: $"p{i:D3}/")).ToArray();
        await TestWire.ErrorAsync(await NotificationWire.SetAsync(Session, bucketId, many), 400, "bad_request");
        await NotificationWire.SetOkAsync(Session, bucketId, many[..25]);
    }

    [Fact]
    public async Task Set_PlainHttpToLoopback_IsAccepted()
    {
        var bucketId = await NotificationWire.NewBucketAsync(Session);

        await NotificationWire.SetOkAsync(Session, bucketId, NotificationWire.Rule("loopback-a", "http://127.0.0.1:9/hook", prefix: "a/"),
            NotificationWire.Rule("loopback-b", "http://localhost:9/hook", prefix: "b/"));
    }

    [Fact]
    public async Task Set_MissingOrMistypedFields_AreRefused()
    {
        var bucketId = await NotificationWire.NewBucketAsync(Session);
        await TestWire.ErrorAsync(await Session.PostAsync("b2_set_bucket_notification_rules", new { bucketId }), 400, "bad_request");
        await TestWire.ErrorAsync(await Session.PostAsync("b2_set_bucket_notification_rules", new { bucketId, eventNotificationRules = "x" }), 400, "bad_json");
        await TestWire.ErrorAsync(await NotificationWire.SetAsync(Session, bucketId, new { name = "my-rule-1", eventTypes = new[] { "b2:ObjectCreated:*" } }), 400, "bad_request");
    }

    [Fact]
    public async Task Capabilities_ReadAndWriteBucketNotifications_AreRequired_WithinTheKeysBuckets()
    {
        var bucketId = await NotificationWire.NewBucketAsync(Session);
        var otherBucketId = await NotificationWire.NewBucketAsync(Session);
        var rule = NotificationWire.Rule("scoped-rule", Hook);

        using var readOnly = await KeyCalls.SessionForNewKeyAsync(fixture.Server, Session, ["readBucketNotifications"]);
        await NotificationWire.GetAsync(readOnly, bucketId);
        await TestWire.ErrorAsync(await NotificationWire.SetAsync(readOnly, bucketId, rule), 401, "unauthorized");

        using var writeOnly = await KeyCalls.SessionForNewKeyAsync(fixture.Server, Session, ["writeBucketNotifications"]);
        await NotificationWire.SetOkAsync(writeOnly, bucketId, rule);
        await TestWire.ErrorAsync(await writeOnly.PostAsync("b2_get_bucket_notification_rules", new { bucketId }), 401, "unauthorized");

        using var otherBucket = await KeyCalls.SessionForNewKeyAsync(fixture.Server, Session, ["readBucketNotifications", "writeBucketNotifications"], [otherBucketId]);
        await TestWire.ErrorAsync(await otherBucket.PostAsync("b2_get_bucket_notification_rules", new { bucketId }), 401, "unauthorized");
        await TestWire.ErrorAsync(await NotificationWire.SetAsync(otherBucket, bucketId, rule), 401, "unauthorized");
        await NotificationWire.SetOkAsync(otherBucket, otherBucketId, rule);

        using var filesOnly = await KeyCalls.SessionForNewKeyAsync(fixture.Server, Session, ["readFiles", "writeFiles", "readBuckets", "writeBuckets"]);
        await TestWire.ErrorAsync(await filesOnly.PostAsync("b2_get_bucket_notification_rules", new { bucketId }), 401, "unauthorized");
    }

    private static List<string> Names(JsonElement response) =>
        response.GetProperty("eventNotificationRules").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();
}
