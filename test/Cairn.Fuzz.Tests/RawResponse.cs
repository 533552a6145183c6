using System.Text;

namespace Cairn.Fuzz.Tests;

/// <summary>A reply as read off the socket: status, headers (duplicates kept), body (chunking removed).</summary>
public sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public string Text => Encoding.UTF8.GetString(Body);
}
