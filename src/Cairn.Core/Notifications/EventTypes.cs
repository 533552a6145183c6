namespace Cairn.Core.Notifications;

/// <summary>
/// B2's event notification types: <c>b2:&lt;Category&gt;:&lt;Action&gt;</c>, with <c>*</c> as the action meaning every
/// action of the category. Source: Backblaze's "Event Notifications Reference Guide" and b2sdk's <c>EVENT_TYPE</c>
/// literal (b2sdk/_internal/raw_api.py).
/// </summary>
public static class EventTypes
{
    public const string Wildcard = "*";

    public const string ObjectCreatedAll = "b2:ObjectCreated:*";
    public const string ObjectCreatedUpload = "b2:ObjectCreated:Upload";
    public const string ObjectCreatedMultipartUpload = "b2:ObjectCreated:MultipartUpload";
    public const string ObjectCreatedCopy = "b2:ObjectCreated:Copy";
    public const string ObjectCreatedReplica = "b2:ObjectCreated:Replica";
    public const string ObjectCreatedMultipartReplica = "b2:ObjectCreated:MultipartReplica";
    public const string ObjectDeletedAll = "b2:ObjectDeleted:*";
    public const string ObjectDeletedDelete = "b2:ObjectDeleted:Delete";
    public const string ObjectDeletedLifecycleRule = "b2:ObjectDeleted:LifecycleRule";
    public const string HideMarkerCreatedAll = "b2:HideMarkerCreated:*";
    public const string HideMarkerCreatedHide = "b2:HideMarkerCreated:Hide";
    public const string HideMarkerCreatedLifecycleRule = "b2:HideMarkerCreated:LifecycleRule";

    /// <summary>Every type a rule may name, in b2sdk's order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ObjectCreatedAll, ObjectCreatedUpload, ObjectCreatedMultipartUpload, ObjectCreatedCopy, ObjectCreatedReplica,
        ObjectCreatedMultipartReplica, ObjectDeletedAll, ObjectDeletedDelete, ObjectDeletedLifecycleRule,
        HideMarkerCreatedAll, HideMarkerCreatedHide, HideMarkerCreatedLifecycleRule,
    ];

    /// <summary>The categories, the middle part of a type.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["ObjectCreated", "ObjectDeleted", "HideMarkerCreated"];

    public static bool IsKnown(string eventType) => All.Contains(eventType, StringComparer.Ordinal);

    /// <summary>The category of <c>b2:Category:Action</c>, or null when the text does not have that shape.</summary>
    public static string? CategoryOf(string eventType)
    {
        var parts = eventType.Split(':');
        return parts.Length == 3 && parts[0] == "b2" && parts[1].Length > 0 && parts[2].Length > 0 ? parts[1] : null;
    }

    /// <summary>Whether two types select a common event: equal, or one is its category's <c>*</c>.</summary>
    public static bool Overlap(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }
        var category = CategoryOf(a);
        return category is not null && category == CategoryOf(b) && (a.EndsWith(":*", StringComparison.Ordinal) || b.EndsWith(":*", StringComparison.Ordinal));
    }

    /// <summary>Whether a rule that names <paramref name="ruleType"/> wants an event of <paramref name="eventType"/>.</summary>
    public static bool Matches(string ruleType, string eventType) => Overlap(ruleType, eventType);
}
