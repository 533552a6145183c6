using System.Globalization;
using Cairn.Core.Errors;

namespace Cairn.Core.Files;

/// <summary>
/// A single <c>Range: bytes=…</c> request of a download resolved against a size. Unparseable or multi-range headers are
/// ignored (HTTP's default: serve the whole file); an end past the last byte is clamped to it; a start at or past the
/// end is unsatisfiable (416), and so is every range of a 0-byte file, as on B2 (the TypeScript SDK's simulator does
/// the same): a client that reads in ranges until 416 must see one. The failure carries the size for
/// <c>Content-Range: bytes */size</c>.
/// </summary>
public readonly record struct ByteRange(long Offset, long Length)
{
    /// <summary>Null when the whole file should be served with 200.</summary>
    public static ByteRange? Resolve(string? header, long size)
    {
        if (string.IsNullOrEmpty(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
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
            if (suffix == 0 || size == 0)
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
        new(CairnError.RangeNotSatisfiable, $"The range {header} is not satisfiable for a file of {size} bytes") { CompleteLength = size };
}
