using System.Text;

namespace Cairn.Mcp.Discovery;

/// <summary>Splits text into lower-case word stems: camelCase and snake_case apart, plurals and -ing/-ed forms folded.</summary>
public static class Words
{
    private static readonly HashSet<string> Stop =
    [
        "a", "an", "the", "to", "of", "in", "on", "for", "from", "and", "or", "my", "me", "i", "it", "its", "is", "are", "be", "with",
        "this", "that", "these", "those", "all", "any", "can", "you", "your", "please", "want", "need", "how", "do", "does", "at", "by",
        "so", "up", "out", "into", "as", "one", "some", "our", "we", "them", "then", "there", "which", "what", "about", "just", "now",
    ];

    public static IEnumerable<string> Of(string text)
    {
        var word = new StringBuilder();
        char previous = ' ';
        foreach (var c in text)
        {
            var boundary = !char.IsLetterOrDigit(c) || char.IsUpper(c) && char.IsLower(previous);
            if (boundary && word.Length > 0)
            {
                if (Stem(word.ToString()) is { } stem)
                {
                    yield return stem;
                }
                word.Clear();
            }
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            previous = c;
        }
        if (word.Length > 0 && Stem(word.ToString()) is { } last)
        {
            yield return last;
        }
    }

    /// <summary>A crude stem, enough to meet "files" with "file" and "uploading" with "upload".</summary>
    public static string? Stem(string word)
    {
        if (Stop.Contains(word) || word.All(char.IsDigit))
        {
            return null;
        }
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            word = word[..^3];
        }
        else if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal) && !word.EndsWith("eed", StringComparison.Ordinal))
        {
            word = word[..^2];
        }
        else if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            word = word[..^3] + "y";
        }
        else if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
        {
            word = word[..^1];
        }
        // "delete", "deleted" and "deleting" all become "delet".
        return word.Length > 4 && word.EndsWith('e') ? word[..^1] : word;
    }
}
