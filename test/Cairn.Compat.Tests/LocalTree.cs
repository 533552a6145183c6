using System.Text;

namespace Cairn.Compat.Tests;

/// <summary>
/// A local tree of small text files with names clients like to mangle (spaces, '+', '%', '#', '&amp;', '~', accents,
/// CJK, emoji, deep folders), each with its own modification time.
/// </summary>
public static class LocalTree
{
    /// <summary>Slash-separated names relative to the tree root.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "plain.txt",
        "with space.txt",
        "plus+sign.txt",
        "café é.txt",
        "日本/語 ファイル.txt",
        "emoji 😀.txt",
        "percent%41 100%.txt",
        "hash#tag.txt",
        "amp&ersand=1.txt",
        "tilde~home.txt",
        "a/b/c/d/e/deep.txt",
    ];

    private static readonly DateTime BaseTime = new(2021, 6, 15, 12, 34, 56, 789, DateTimeKind.Utc);

    /// <summary>The content written for <paramref name="name"/>: different length and bytes per file.</summary>
    public static byte[] Content(string name) => Encoding.UTF8.GetBytes($"content of {name}\n" + new string('x', name.Length * 7));

    /// <summary>The modification time given to <paramref name="name"/>.</summary>
    public static DateTime ModTime(string name) => BaseTime.AddMinutes(Names.ToList().IndexOf(name));

    public static void Write(string root)
    {
        foreach (var name in Names)
        {
            var path = Path.Combine(root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, Content(name));
            File.SetLastWriteTimeUtc(path, ModTime(name));
        }
    }
}
