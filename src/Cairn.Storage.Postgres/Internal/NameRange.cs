using System.Text;

namespace Cairn.Storage.Postgres.Internal;

/// <summary>
/// Turns "names starting with a prefix" into a half-open range, so that a prefix query is an index range scan:
/// <c>name &gt;= prefix AND name &lt; bound</c>, compared under the "C" collation (UTF-8 bytes, which is code point order).
/// </summary>
internal static class NameRange
{
    /// <summary>
    /// The smallest string greater than every string that starts with <paramref name="prefix"/>: the prefix with its
    /// last code point incremented (skipping the surrogate range, which UTF-8 cannot hold), after dropping trailing
    /// U+10FFFF. Null when there is none (the empty prefix, or one made only of U+10FFFF): every name from the
    /// prefix on then starts with it. Unlike SQLite's byte successor, the bound is valid UTF-8, which PostgreSQL's text requires.
    /// </summary>
    public static string? UpperBound(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last == 0x10FFFF)
            {
                continue;
            }
            var next = last + 1 == 0xD800 ? 0xE000 : last + 1;
            var builder = new StringBuilder(prefix.Length + 1);
            foreach (var rune in runes)
            {
                builder.Append(rune.ToString());
            }
            builder.Append(new Rune(next).ToString());
            return builder.ToString();
        }
        return null;
    }

    /// <summary>
    /// PostgreSQL's text cannot hold U+0000, so no stored name or id contains it: a lookup of such a string finds nothing.
    /// </summary>
    public static bool HasNul(string value) => value.Contains('\0', StringComparison.Ordinal);

    /// <summary>
    /// An inclusive lower bound that PostgreSQL can hold, equivalent to <paramref name="start"/> for names without U+0000:
    /// a start of the form A + U+0000 + R admits exactly the names greater than A, which are the names ≥ A + U+0001.
    /// </summary>
    public static string LowerBound(string start)
    {
        var nul = start.IndexOf('\0', StringComparison.Ordinal);
        return nul < 0 ? start : string.Concat(start.AsSpan(0, nul), "\u0001");
    }
}
