namespace Cairn.Core.Buckets;

/// <summary>One lifecycle rule (b2-api/lifecycle-cors-lock.md). Day counts are null when unset.</summary>
public sealed record LifecycleRule(
    string FileNamePrefix,
    int? DaysFromUploadingToHiding,
    int? DaysFromHidingToDeleting,
    int? DaysFromStartingToCancelingUnfinishedLargeFiles);
