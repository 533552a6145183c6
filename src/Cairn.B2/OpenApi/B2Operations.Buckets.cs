using System.Text.Json.Nodes;
using Cairn.B2.Buckets;
using Cairn.B2.Notifications;
using Cairn.B2.Wire;
using Cairn.Core.Keys;

namespace Cairn.B2.OpenApi;

public static partial class B2Operations
{
    private static JsonObject LifecycleRulesSchema => new()
    {
        ["type"] = "array",
        ["items"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("fileNamePrefix"),
            ["properties"] = new JsonObject
            {
                ["fileNamePrefix"] = new JsonObject { ["type"] = "string", ["description"] = "Files whose names start with this; \"\" for all." },
                ["daysFromUploadingToHiding"] = new JsonObject { ["type"] = new JsonArray("integer", "null"), ["minimum"] = 1 },
                ["daysFromHidingToDeleting"] = new JsonObject { ["type"] = new JsonArray("integer", "null"), ["minimum"] = 1 },
                ["daysFromStartingToCancelingUnfinishedLargeFiles"] = new JsonObject { ["type"] = new JsonArray("integer", "null"), ["minimum"] = 1 },
            },
        },
    };

    private static JsonObject AnyObject => new() { ["type"] = "object" };

    private static JsonObject ObjectArray => new() { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object" } };

    private static IEnumerable<B2Param> BucketSettings(bool create) =>
    [
        B2Param.Map("bucketInfo", "Your own key/value metadata for the bucket (at most 10 entries)."),
        B2Param.Object("corsRules", "CORS rules that let browsers on other sites download or upload.", ObjectArray),
        B2Param.Object("lifecycleRules", "Rules that hide files some days after upload and delete hidden versions some days later, per name prefix. Replaces all rules.", LifecycleRulesSchema),
        B2Param.Bool("fileLockEnabled", create ? "Turn on Object Lock (can never be turned off)." : "true turns on Object Lock; it can never be turned off."),
        B2Param.Object("defaultRetention", "Object Lock default retention {mode, period: {duration, unit}} for new files.", AnyObject),
        B2Param.Object("replicationConfiguration", "Replication settings, stored and returned as given. Each rule's destinationBucketId must name an existing bucket; one with no rules and no key mapping turns replication off (value null). New uploads a rule selects carry replicationStatus pending; nothing is copied yet.", AnyObject),
        B2Param.Object("defaultServerSideEncryption", "Encryption for new files that ask for none: {mode: SSE-B2, algorithm: AES256} or {mode: none}.", AnyObject),
    ];

    private static IEnumerable<B2Operation> BucketOperations =>
    [
        new("b2_create_bucket", Route("b2_create_bucket"), Buckets,
            "Create a bucket",
            "Make a new bucket to store files in: private (downloads need a token) or public (anyone may download). Names are 6–63 characters of letters, digits and '-', unique across the server.")
        {
            Handler = CreateBucket.HandleAsync,
            Grants = [Capabilities.WriteBuckets],
            Parameters =
            [
                B2Param.Str("accountId", "Your account id.", required: true),
                B2Param.Str("bucketName", "The new bucket's name: 6–63 letters, digits and '-'; not starting with 'b2-'.", required: true),
                new("bucketType", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("allPrivate", "allPublic") }, true,
                    "allPrivate: downloads need authorization; allPublic: anyone may download."),
                .. BucketSettings(create: true),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.BucketResponse)],
            Errors = [B2ErrorCodes.DuplicateBucketName, B2ErrorCodes.TooManyBuckets, B2ErrorCodes.FileLockConflict, B2ErrorCodes.SourceReplicationConflict],
            Example = new JsonObject { ["accountId"] = "e5b2ab7e3f4c", ["bucketName"] = "family-photos", ["bucketType"] = "allPrivate" },
        },
        new("b2_list_buckets", Route("b2_list_buckets"), Buckets,
            "List buckets",
            "See the account's buckets, or find one bucket by id or name, with its settings (type, lifecycle rules, CORS, Object Lock). In v1 a key restricted to buckets lists just its buckets; in v2–v4 such a key must name its bucket.")
        {
            Handler = ListBuckets.HandleAsync,
            Grants = [Capabilities.ListBuckets],
            Parameters =
            [
                B2Param.Str("accountId", "Your account id.", required: true),
                B2Param.Str("bucketId", "Only this bucket."),
                B2Param.Str("bucketName", "Only the bucket with this name."),
                B2Param.Strings("bucketTypes", "Only buckets of these types (allPrivate, allPublic, snapshot, or all)."),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.ListBucketsResponse)],
            Errors = [B2ErrorCodes.BadBucketId],
        },
        new("b2_update_bucket", Route("b2_update_bucket"), Buckets,
            "Change a bucket's settings: type, lifecycle rules, CORS, Object Lock",
            "Make a bucket public or private, set lifecycle rules (keep only recent versions), CORS rules, bucket info or Object Lock defaults. Settings left out stay as they are. ifRevisionIs makes the change only if nobody changed the bucket since you read it.")
        {
            Handler = UpdateBucket.HandleAsync,
            Destructive = true,
            Grants = [Capabilities.WriteBuckets],
            Parameters =
            [
                B2Param.Str("accountId", "Your account id.", required: true),
                B2Param.Str("bucketId", "The bucket to change.", required: true),
                new("bucketType", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("allPrivate", "allPublic") }, false, "The new type."),
                .. BucketSettings(create: false),
                B2Param.Int("ifRevisionIs", "Apply only if the bucket's revision is still this (optimistic concurrency)."),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.BucketResponse)],
            Errors = [B2ErrorCodes.BadBucketId, B2ErrorCodes.Conflict, B2ErrorCodes.FileLockConflict, B2ErrorCodes.SourceReplicationConflict, B2ErrorCodes.BucketMissingFileLock],
            Example = new JsonObject
            {
                ["accountId"] = "e5b2ab7e3f4c", ["bucketId"] = "4a48fe8875c6214145260818",
                ["lifecycleRules"] = new JsonArray(new JsonObject { ["fileNamePrefix"] = "logs/", ["daysFromUploadingToHiding"] = 30, ["daysFromHidingToDeleting"] = 7 }),
            },
        },
        new("b2_delete_bucket", Route("b2_delete_bucket"), Buckets,
            "Delete an empty bucket",
            "Remove a bucket. It must hold no file versions and no unfinished large files. Answers the deleted bucket.")
        {
            Handler = DeleteBucket.HandleAsync,
            Destructive = true,
            Grants = [Capabilities.DeleteBuckets],
            Parameters = [B2Param.Str("accountId", "Your account id.", required: true), B2Param.Str("bucketId", "The bucket to delete.", required: true)],
            Responses = [VersionedResponse.All(B2JsonContext.Default.BucketResponse)],
            Errors = [B2ErrorCodes.BadBucketId, B2ErrorCodes.CannotDeleteNonEmptyBucket],
        },
        new("b2_get_bucket_notification_rules", Route("b2_get_bucket_notification_rules"), Buckets,
            "Get a bucket's event notification rules (webhooks)",
            "See which events (uploads, copies, hides, deletes) a bucket reports to which webhook URLs, and whether a rule was suspended after repeated delivery failures.")
        {
            Handler = GetBucketNotificationRules.HandleAsync,
            Grants = [Capabilities.ReadBucketNotifications],
            Parameters = [B2Param.Str("bucketId", "The bucket.", required: true)],
            Responses = [VersionedResponse.All(B2JsonContext.Default.BucketNotificationRulesResponse)],
            Errors = [B2ErrorCodes.BadBucketId],
        },
        new("b2_set_bucket_notification_rules", Route("b2_set_bucket_notification_rules"), Buckets,
            "Send bucket events to a webhook",
            "Replace a bucket's event notification rules: which event types (b2:ObjectCreated:*, b2:ObjectDeleted:*, b2:HideMarkerCreated:*) under which name prefix are POSTed, signed with HMAC-SHA256, to which webhook URL. An empty list removes them all.")
        {
            Handler = SetBucketNotificationRules.HandleAsync,
            Grants = [Capabilities.WriteBucketNotifications],
            Parameters =
            [
                B2Param.Str("bucketId", "The bucket.", required: true),
                B2Param.Object("eventNotificationRules", "The complete list of rules: name, eventTypes, isEnabled, objectNamePrefix, targetConfiguration {targetType: webhook, url, customHeaders, hmacSha256SigningSecret}.", ObjectArray, required: true),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.BucketNotificationRulesResponse)],
            Errors = [B2ErrorCodes.BadBucketId, B2ErrorCodes.EventTypesEmpty, B2ErrorCodes.EventTypeInvalid, B2ErrorCodes.EventTypeOverlap, B2ErrorCodes.EventTypeCategories],
        },
    ];
}
