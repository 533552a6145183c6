namespace Cairn.Core.Files;

/// <summary>
/// B2 orders names by their UTF-8 bytes. Unsigned UTF-8 byte order equals Unicode code point order, which
/// differs from .NET's ordinal (UTF-16) order only for code points at or above U+E000 versus surrogate pairs.
/// </summary>
public sealed class FileNameOrder : IComparer<string>
{
    public static FileNameOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a != b)
            {
                return Fix(a) - Fix(b);
            }
        }
        return x.Length - y.Length;
    }

    /// <summary>Maps UTF-16 units so that surrogates (code points ≥ U+10000) sort after U+E000..U+FFFF.</summary>
    private static int Fix(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;

    /// <summary>
    /// The smallest name that sorts after every name starting with <paramref name="prefix"/>: used to continue a
    /// delimiter listing after a folder. Returns null when there is none.
    /// </summary>
    public static string? SuccessorOfPrefix(string prefix)
    {
        // Increment the last code point; U+10FFFF has no successor, so drop it and carry to the one before.
        var end = prefix.Length;
        while (end > 0)
        {
            var pair = end >= 2 && char.IsLowSurrogate(prefix[end - 1]) && char.IsHighSurrogate(prefix[end - 2]);
            var width = pair ? 2 : 1;
            var codePoint = pair ? char.ConvertToUtf32(prefix[end - 2], prefix[end - 1]) : prefix[end - 1];
            if (codePoint == 0x10FFFF)
            {
                end -= width;
                continue;
            }
            var next = codePoint + 1;
            if (next is >= 0xD800 and <= 0xDFFF)
            {
                next = 0xE000;
            }
            return string.Concat(prefix.AsSpan(0, end - width), char.ConvertFromUtf32(next));
        }
        return null;
    }
}
