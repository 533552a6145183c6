namespace Cairn.Core.Buckets;

/// <summary>A lock-enabled bucket's default retention for new files: a mode and a period in days or years.</summary>
public sealed record DefaultRetention(string Mode, int Duration, string Unit)
{
    public const string Days = "days";
    public const string Years = "years";

    /// <summary>When a file uploaded at <paramref name="uploadTimestamp"/> stops being retained.</summary>
    public long RetainUntil(long uploadTimestamp) => Unit == Years
        ? DateTimeOffset.FromUnixTimeMilliseconds(uploadTimestamp).AddYears(Duration).ToUnixTimeMilliseconds()
        : uploadTimestamp + Duration * 86_400_000L;
}
