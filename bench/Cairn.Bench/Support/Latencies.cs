using System.Diagnostics;

namespace Cairn.Bench.Support;

/// <summary>Per-operation latencies of one phase, collected per worker without locks and merged at the end.</summary>
internal sealed class Latencies
{
    private readonly List<long> _ticks = new(4096);

    public void Add(long startTimestamp) => _ticks.Add(Stopwatch.GetTimestamp() - startTimestamp);

    public int Count => _ticks.Count;

    public static (double P50Ms, double P99Ms) Percentiles(IEnumerable<Latencies> workers)
    {
        var all = workers.SelectMany(w => w._ticks).ToArray();
        if (all.Length == 0)
        {
            return (double.NaN, double.NaN);
        }
        Array.Sort(all);
        return (ToMs(At(all, 0.50)), ToMs(At(all, 0.99)));
    }

    public static (double P50Ms, double P99Ms) Percentiles(IEnumerable<double> millis)
    {
        var all = millis.ToArray();
        if (all.Length == 0)
        {
            return (double.NaN, double.NaN);
        }
        Array.Sort(all);
        return (all[Index(all.Length, 0.50)], all[Index(all.Length, 0.99)]);
    }

    private static long At(long[] sorted, double quantile) => sorted[Index(sorted.Length, quantile)];

    private static int Index(int count, double quantile) => Math.Clamp((int)Math.Ceiling(quantile * count) - 1, 0, count - 1);

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
