namespace Cairn.Core.Limits;

/// <summary>
/// When a server-wide fault fires: on every <see cref="EveryNth"/> eligible request (deterministic: the Nth, 2Nth, …),
/// and/or at random with <see cref="Probability"/>. Both unset (the default): never.
/// </summary>
public sealed class FaultTrigger
{
    /// <summary>Fire on every Nth eligible request. Default null: off.</summary>
    public int? EveryNth { get; set; }

    /// <summary>Fire at random on this fraction (0..1) of eligible requests. Default null: off.</summary>
    public double? Probability { get; set; }

    public bool IsEnabled => EveryNth is > 0 || Probability is > 0;
}
