namespace Cairn.Core.Buckets;

/// <summary>The bucket types a client may set.</summary>
public static class BucketTypes
{
    public const string AllPublic = "allPublic";
    public const string AllPrivate = "allPrivate";

    public static bool IsSettable(string type) => type is AllPublic or AllPrivate;
}
