namespace Cairn.Core.Files;

/// <summary>Object Lock retention of one version: <c>governance</c> or <c>compliance</c> until a time (ms since the epoch).</summary>
public sealed record FileRetention(string Mode, long RetainUntilTimestamp)
{
    public const string Governance = "governance";
    public const string Compliance = "compliance";

    public static bool IsMode(string? mode) => mode is Governance or Compliance;
}
