using Cairn.Core.Errors;

namespace Cairn.Core.Files;

/// <summary>How an upload states its SHA-1 (<c>X-Bz-Content-Sha1</c>).</summary>
public sealed record ContentSha1
{
    public const string HexDigitsAtEndValue = "hex_digits_at_end";
    public const string DoNotVerifyValue = "do_not_verify";

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

    public static ContentSha1 Parse(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            throw Fail.BadRequest("Missing header: X-Bz-Content-Sha1");
        }
        if (header == HexDigitsAtEndValue)
        {
            return HexDigitsAtEnd;
        }
        if (header == DoNotVerifyValue)
        {
            return DoNotVerify;
        }
        if (IsHex40(header))
        {
            return Given(header);
        }
        throw Fail.BadRequest($"Invalid X-Bz-Content-Sha1: {header}");
    }

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
