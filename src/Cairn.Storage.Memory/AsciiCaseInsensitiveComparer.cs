namespace Cairn.Storage.Memory;

/// <summary>
/// Equality that ignores the case of ASCII letters only, as bucket-name uniqueness requires
/// (<see cref="StringComparer.OrdinalIgnoreCase"/> would also fold non-ASCII letters).
/// </summary>
internal sealed class AsciiCaseInsensitiveComparer : IEqualityComparer<string>
{
    public static AsciiCaseInsensitiveComparer Instance { get; } = new();

    public bool Equals(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return ReferenceEquals(x, y);
        }
        if (x.Length != y.Length)
        {
            return false;
        }
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i] && (!char.IsAsciiLetter(x[i]) || (x[i] | 0x20) != (y[i] | 0x20)))
            {
                return false;
            }
        }
        return true;
    }

    public int GetHashCode(string obj)
    {
        var hash = new HashCode();
        foreach (var c in obj)
        {
            hash.Add(char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c);
        }
        return hash.ToHashCode();
    }
}
