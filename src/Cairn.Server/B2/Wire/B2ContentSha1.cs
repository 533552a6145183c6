using Cairn.Core.Errors;
using Cairn.Core.Files;

namespace Cairn.Server.B2.Wire;

/// <summary>B2's <c>X-Bz-Content-Sha1</c> header: 40 hex digits, <c>hex_digits_at_end</c> or <c>do_not_verify</c>.</summary>
public static class B2ContentSha1
{
    public const string HexDigitsAtEnd = "hex_digits_at_end";
    public const string DoNotVerify = "do_not_verify";

    public static ContentSha1 Parse(string? header) => header switch
    {
        null or "" => throw Fail.BadRequest("Missing header: X-Bz-Content-Sha1"),
        HexDigitsAtEnd => ContentSha1.HexDigitsAtEnd,
        DoNotVerify => ContentSha1.DoNotVerify,
        _ when ContentSha1.IsHex40(header) => ContentSha1.Given(header),
        _ => throw Fail.BadRequest($"Invalid X-Bz-Content-Sha1: {header}"),
    };
}
