namespace Cairn.Core.Lifecycle;

/// <summary>What one lifecycle pass did.</summary>
public sealed record LifecycleReport(int HideMarkersCreated, int VersionsDeleted, int LargeFilesCancelled, bool Ran);
