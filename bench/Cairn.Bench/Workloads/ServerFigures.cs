namespace Cairn.Bench.Workloads;

/// <summary>Names of the figures sampled from a server process rather than measured by a workload.</summary>
internal static class ServerFigures
{
    public const string PeakRss = "peak RSS";

    public const string FirstAnswer = "first answer after start";

    public const string FirstAnswerRestart = "first answer after restart";
}
