namespace Cairn.Bench.Report;

/// <summary>Everything one run measured, in the order it was measured, plus facts about the machine and the run.</summary>
internal sealed class Results
{
    public List<Measurement> Measurements { get; } = [];

    public Dictionary<string, string> Machine { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Run { get; } = new(StringComparer.Ordinal);

    public void Add(Measurement measurement)
    {
        lock (Measurements)
        {
            Measurements.Add(measurement);
        }
        Console.WriteLine($"  {measurement.Target,-12} {measurement.Workload,-28} {Format.Figure(measurement)}");
    }

    public Measurement? Find(string target, string workload) =>
        Measurements.LastOrDefault(m => m.Target == target && m.Workload == workload);
}
