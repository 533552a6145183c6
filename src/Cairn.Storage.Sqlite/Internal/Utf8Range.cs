using System.Text;

namespace Cairn.Storage.Sqlite.Internal;

/// <summary>
/// Turns "names starting with a prefix" into a half-open range of UTF-8 byte strings, so that a prefix query
/// is an index range scan: <c>name &gt;= prefix AND name &lt; CAST(successor AS TEXT)</c>.
/// </summary>
internal static class Utf8Range
{
    /// <summary>
    /// The smallest byte string greater than every string that starts with <paramref name="prefix"/>: the
    /// prefix with its last byte incremented. UTF-8 never contains the byte 0xFF, so the last byte can always
    /// be incremented and no trailing bytes need dropping; for the empty prefix the answer is the single byte
    /// 0xFF, which sorts after every UTF-8 string. The result is usually not valid UTF-8, which does not matter:
    /// SQLite compares TEXT under BINARY collation with memcmp. Bind it as a BLOB and CAST it to TEXT in SQL,
    /// because SQLite orders every TEXT value before every BLOB value.
    /// </summary>
    public static byte[] SuccessorOfPrefix(string prefix)
    {
        var length = Encoding.UTF8.GetByteCount(prefix);
        if (length == 0)
        {
            return [0xFF];
        }
        var bytes = new byte[length];
        Encoding.UTF8.GetBytes(prefix, bytes);
        bytes[^1]++;
        return bytes;
    }
}
