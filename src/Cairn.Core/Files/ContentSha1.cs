namespace Cairn.Core.Files;

/// <summary>
/// What an upload says about its SHA-1, in protocol-neutral terms: a given digest, a digest in the body's last 40 bytes,
/// or nothing to verify. Each protocol parses its own header into this (B2: <c>B2/Wire/B2ContentSha1.cs</c>).
/// </summary>
public sealed record ContentSha1
{
    private ContentSha1(Sha1Mode mode, string? expected)
    {
        Mode = mode;
        Expected = expected;
    }

    public Sha1Mode Mode { get; }

    /// <summary>Lower-case hex for <see cref="Sha1Mode.Given"/>.</summary>
    public string? Expected { get; }

    public static ContentSha1 HexDigitsAtEnd { get; } = new(Sha1Mode.HexDigitsAtEnd, null);

    public static ContentSha1 DoNotVerify { get; } = new(Sha1Mode.DoNotVerify, null);

    /// <summary>No SHA-1 from the client; the digest computed while writing is stored as verified.</summary>
    public static ContentSha1 Computed { get; } = new(Sha1Mode.Computed, null);

    public static ContentSha1 Given(string hex) => new(Sha1Mode.Given, hex.ToLowerInvariant());

    public static bool IsHex40(ReadOnlySpan<char> value)
    {
        if (value.Length != 40)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
