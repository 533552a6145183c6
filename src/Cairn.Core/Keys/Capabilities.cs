namespace Cairn.Core.Keys;

/// <summary>
/// Every capability B2 defines (b2-api/auth-and-keys.md, b2sdk's ALL_CAPABILITIES, and the four B2 added in 2026 that the
/// TypeScript SDK's <c>Capability</c> lists: bucket logging and bucket lifecycle rules). Cairn knows the last four, so keys
/// may hold them; the calls they open are not served yet, and lifecycle rules stay under <c>writeBuckets</c> as before.
/// </summary>
public static class Capabilities
{
    public const string ListKeys = "listKeys";
    public const string WriteKeys = "writeKeys";
    public const string DeleteKeys = "deleteKeys";
    public const string ListAllBucketNames = "listAllBucketNames";
    public const string ListBuckets = "listBuckets";
    public const string ReadBuckets = "readBuckets";
    public const string WriteBuckets = "writeBuckets";
    public const string DeleteBuckets = "deleteBuckets";
    public const string ReadBucketEncryption = "readBucketEncryption";
    public const string WriteBucketEncryption = "writeBucketEncryption";
    public const string ReadBucketRetentions = "readBucketRetentions";
    public const string WriteBucketRetentions = "writeBucketRetentions";
    public const string ReadFileRetentions = "readFileRetentions";
    public const string WriteFileRetentions = "writeFileRetentions";
    public const string ReadFileLegalHolds = "readFileLegalHolds";
    public const string WriteFileLegalHolds = "writeFileLegalHolds";
    public const string ReadBucketReplications = "readBucketReplications";
    public const string WriteBucketReplications = "writeBucketReplications";
    public const string BypassGovernance = "bypassGovernance";
    public const string ListFiles = "listFiles";
    public const string ReadFiles = "readFiles";
    public const string ShareFiles = "shareFiles";
    public const string WriteFiles = "writeFiles";
    public const string DeleteFiles = "deleteFiles";
    public const string ReadBucketNotifications = "readBucketNotifications";
    public const string WriteBucketNotifications = "writeBucketNotifications";
    public const string ReadBucketLogging = "readBucketLogging";
    public const string WriteBucketLogging = "writeBucketLogging";
    public const string ReadBucketLifecycleRules = "readBucketLifecycleRules";
    public const string WriteBucketLifecycleRules = "writeBucketLifecycleRules";

    /// <summary>All of them, in B2's order; the master key has every one.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ListKeys, WriteKeys, DeleteKeys, ListAllBucketNames, ListBuckets, ReadBuckets, WriteBuckets, DeleteBuckets,
        ReadBucketEncryption, WriteBucketEncryption, ReadBucketRetentions, WriteBucketRetentions,
        ReadFileRetentions, WriteFileRetentions, ReadFileLegalHolds, WriteFileLegalHolds,
        ReadBucketReplications, WriteBucketReplications, BypassGovernance,
        ListFiles, ReadFiles, ShareFiles, WriteFiles, DeleteFiles,
        ReadBucketNotifications, WriteBucketNotifications,
        ReadBucketLogging, WriteBucketLogging, ReadBucketLifecycleRules, WriteBucketLifecycleRules,
    ];

    public static bool IsKnown(string name) => All.Contains(name);
}
