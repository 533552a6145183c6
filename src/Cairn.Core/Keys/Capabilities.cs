namespace Cairn.Core.Keys;

/// <summary>Every capability B2 defines (b2-api/auth-and-keys.md, b2sdk's ALL_CAPABILITIES).</summary>
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

    /// <summary>All of them, in B2's order; the master key has every one.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ListKeys, WriteKeys, DeleteKeys, ListAllBucketNames, ListBuckets, ReadBuckets, WriteBuckets, DeleteBuckets,
        ReadBucketEncryption, WriteBucketEncryption, ReadBucketRetentions, WriteBucketRetentions,
        ReadFileRetentions, WriteFileRetentions, ReadFileLegalHolds, WriteFileLegalHolds,
        ReadBucketReplications, WriteBucketReplications, BypassGovernance,
        ListFiles, ReadFiles, ShareFiles, WriteFiles, DeleteFiles,
        ReadBucketNotifications, WriteBucketNotifications,
    ];

    public static bool IsKnown(string name) => All.Contains(name);
}
