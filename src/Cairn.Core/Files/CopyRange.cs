using System.Globalization;
using Cairn.Core.Errors;

namespace Cairn.Core.Files;

/// <summary>
/// The <c>range</c> of b2_copy_file and b2_copy_part: <c>bytes=first-last</c>, inclusive, both given. The same form as
/// S3's <c>x-amz-copy-source-range</c>. Resolved against the source's size as a download's range is.
/// </summary>
public readonly record struct CopyRange(long First, long Last)
{
    public long Length => Last - First + 1;

    public static CopyRange Parse(string text)
    {
        var spec = text.StartsWith("bytes=", StringComparison.Ordinal) ? text.AsSpan(6) : throw Invalid(text);
        var dash = spec.IndexOf('-');
        if (dash <= 0
            || !long.TryParse(spec[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(spec[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last < first)
        {
            throw Invalid(text);
        }
        return new CopyRange(first, last);
    }

    /// <summary>Offset and length within a source of <paramref name="size"/> bytes; the whole source when <paramref name="range"/> is null.</summary>
    public static (long Offset, long Length) Resolve(CopyRange? range, long size)
    {
        if (range is not { } r)
        {
            return (0, size);
        }
        // Clamped like a download's range: an end at or past the source's length means "to the end" (a popular npm
        // library sends bytes=100000000-101000000 for a 101,000,000-byte source; the TypeScript SDK's simulator clamps
        // too). A start at or past the end is unsatisfiable.
        if (r.First >= size)
        {
            throw new CairnException(CairnError.RangeNotSatisfiable, $"The range bytes={r.First}-{r.Last} is not satisfiable for a source of {size} bytes");
        }
        return (r.First, Math.Min(r.Last, size - 1) - r.First + 1);
    }

    private static CairnException Invalid(string text) => Fail.BadRequest($"Invalid range: {text} (expected bytes=<first>-<last>)");
}
