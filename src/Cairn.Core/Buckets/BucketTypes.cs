using Cairn.Core.Errors;

namespace Cairn.Core.Buckets;

/// <summary>The bucket types a client may set.</summary>
public static class BucketTypes
{
    public const string AllPublic = "allPublic";
    public const string AllPrivate = "allPrivate";

    /// <summary>In a b2_list_buckets filter: every type. It may only stand alone.</summary>
    public const string All = "all";

    public static bool IsSettable(string type) => type is AllPublic or AllPrivate;

    /// <summary>
    /// Checks a b2_list_buckets <c>bucketTypes</c> filter (null: none given). B2 refuses an empty list and <c>all</c>
    /// next to other types with 400; the TypeScript SDK's simulator does the same.
    /// </summary>
    public static void CheckFilter(IReadOnlyCollection<string>? bucketTypes)
    {
        if (bucketTypes is null)
        {
            return;
        }
        if (bucketTypes.Count == 0)
        {
            throw Fail.BadRequest("bucketTypes must not be empty");
        }
        if (bucketTypes.Count > 1 && bucketTypes.Contains(All))
        {
            throw Fail.BadRequest("bucketTypes may contain 'all' only by itself");
        }
    }

    /// <summary>Whether a bucket of <paramref name="bucketType"/> passes a filter already checked by <see cref="CheckFilter"/>.</summary>
    public static bool Matches(IReadOnlyCollection<string>? bucketTypes, string bucketType) =>
        bucketTypes is null || bucketTypes.Contains(All) || bucketTypes.Contains(bucketType);
}
