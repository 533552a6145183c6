using System.Globalization;
using Cairn.Core.Errors;

namespace Cairn.Core.Files;

/// <summary>
/// A single <c>Range: bytes=…</c> request resolved against a size. Unparseable or multi-range headers are ignored
/// (HTTP's default: serve the whole file); a start at or past the end of a non-empty file is 416.
/// </summary>
public readonly record struct ByteRange(long Offset, long Length)
{
    /// <summary>Null when the whole file should be served with 200.</summary>
    public static ByteRange? Resolve(string? header, long size)
    {
        if (string.IsNullOrEmpty(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || size == 0)
        {
            return null;
        }
        var spec = header.AsSpan(6).Trim();
        if (spec.Contains(','))
        {
            return null;
        }
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return null;
        }
        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.IsEmpty)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return null;
            }
            if (suffix == 0)
            {
                throw Unsatisfiable(header, size);
            }
            var length = Math.Min(suffix, size);
            return new ByteRange(size - length, length);
        }
        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }
        long end = size - 1;
        if (!last.IsEmpty)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
            {
                return null;
            }
            end = Math.Min(end, size - 1);
        }
        if (start >= size)
        {
            throw Unsatisfiable(header, size);
        }
        return new ByteRange(start, end - start + 1);
    }

    private static CairnException Unsatisfiable(string header, long size) =>
        new(CairnError.RangeNotSatisfiable, $"The range {header} is not satisfiable for a file of {size} bytes");
}
