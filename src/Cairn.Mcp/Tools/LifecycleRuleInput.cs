using System.ComponentModel;

namespace Cairn.Mcp.Tools;

/// <summary>One lifecycle rule as a tool takes it.</summary>
public sealed record LifecycleRuleInput(
    [property: Description("Files whose names start with this; \"\" for the whole bucket.")] string FileNamePrefix,
    [property: Description("Hide files this many days after upload; null for never.")] int? DaysFromUploadingToHiding = null,
    [property: Description("Delete hidden versions this many days after they were hidden; null for never.")] int? DaysFromHidingToDeleting = null,
    [property: Description("Cancel unfinished large files this many days after they were started; null for never.")] int? DaysFromStartingToCancelingUnfinishedLargeFiles = null);
