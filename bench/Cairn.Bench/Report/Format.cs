using System.Globalization;

namespace Cairn.Bench.Report;

/// <summary>How figures are printed: invariant culture, thousands separated, latencies in ms.</summary>
internal static class Format
{
    public static string Number(double value) => value switch
    {
        >= 100 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };

    public static string Figure(Measurement? m)
    {
        if (m is null)
        {
            return "—";
        }
        if (m.Value is not { } value || double.IsNaN(value))
        {
            return m.Note ?? "—";
        }
        var text = $"{Number(value)} {m.Unit}";
        if (m.P50Ms is { } p50 && m.P99Ms is { } p99 && m.Unit != "ms")
        {
            text += $" (p50 {Number(p50)} / p99 {Number(p99)} ms)";
        }
        else if (m.P50Ms is { } listP50 && m.Unit == "ms")
        {
            text = $"p50 {Number(listP50)} / p99 {Number(m.P99Ms ?? double.NaN)} ms";
        }
        if (m.Note is { Length: > 0 } note)
        {
            text += $" [{note}]";
        }
        return text;
    }

    public static string Ratio(Measurement? numerator, Measurement? denominator, bool lowerIsBetter = false)
    {
        if (numerator?.Value is not { } a || denominator?.Value is not { } b || double.IsNaN(a) || double.IsNaN(b) || a <= 0 || b <= 0)
        {
            return "—";
        }
        var ratio = lowerIsBetter ? b / a : a / b;
        return ratio >= 10 ? $"{ratio.ToString("0", CultureInfo.InvariantCulture)}×" : ratio < 1.995 ? $"{(ratio * 100).ToString("0", CultureInfo.InvariantCulture)}%" : $"{ratio.ToString("0.0", CultureInfo.InvariantCulture)}×";
    }
}
