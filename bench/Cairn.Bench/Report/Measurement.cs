namespace Cairn.Bench.Report;

/// <summary>One figure of one target in one workload. <see cref="Note"/> says why a figure is missing or qualified.</summary>
internal sealed record Measurement
{
    public required string Target { get; init; }

    public required string Workload { get; init; }

    public double? Value { get; init; }

    public string Unit { get; init; } = "";

    public double? P50Ms { get; init; }

    public double? P99Ms { get; init; }

    public long Count { get; init; }

    public double Seconds { get; init; }

    public string? Note { get; init; }
}
