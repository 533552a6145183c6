using System.Text;
using Cairn.Core.Errors;

namespace Cairn.B2.Wire;

/// <summary>
/// B2's percent-encoding of names and info values in headers, <c>/file/</c> paths and query values
/// (b2-api/uploads.md). Decoding: <c>%XX</c> → byte, <c>+</c> → space, then strict UTF-8. Encoding keeps
/// <c>A–Z a–z 0–9 - . _ ~ ! $ ' ( ) * ; = : @ /</c> and writes everything else, space included, as <c>%XX</c>, so that both
/// "plus means space" decoders (b2sdk) and plain ones (rclone) read it back exactly.
/// </summary>
public static class B2PercentEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private const string Safe = "-._~!$'()*;=:@/";

    public static string Decode(string value, string what)
    {
        if (value.IndexOf('%') < 0 && value.IndexOf('+') < 0 && IsAscii(value))
        {
            return value;
        }
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var n = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%')
            {
                if (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2]))
                {
                    throw Fail.BadRequest($"Invalid percent-encoding in {what}");
                }
                bytes[n++] = (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]));
                i += 2;
            }
            else if (c == '+')
            {
                bytes[n++] = (byte)' ';
            }
            else if (c < 0x80)
            {
                bytes[n++] = (byte)c;
            }
            else
            {
                // Header values arrive as Latin-1 or already-decoded UTF-16; re-encode whatever is there.
                n += Encoding.UTF8.GetBytes(value.AsSpan(i, char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1), bytes.AsSpan(n));
                if (char.IsHighSurrogate(c))
                {
                    i++;
                }
            }
        }
        try
        {
            return StrictUtf8.GetString(bytes, 0, n);
        }
        catch (DecoderFallbackException)
        {
            throw Fail.BadRequest($"{what} is not valid UTF-8");
        }
    }

    public static string Encode(string value)
    {
        var plain = true;
        foreach (var c in value)
        {
            if (!IsSafe(c))
            {
                plain = false;
                break;
            }
        }
        if (plain)
        {
            return value;
        }
        var builder = new StringBuilder(value.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsSafe(c))
            {
                builder.Append(c);
                continue;
            }
            var width = char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1;
            var count = Encoding.UTF8.GetBytes(value.AsSpan(i, width), utf8);
            i += width - 1;
            for (var b = 0; b < count; b++)
            {
                builder.Append('%').Append(Convert.ToHexString(utf8.Slice(b, 1)));
            }
        }
        return builder.ToString();
    }

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || Safe.Contains(c, StringComparison.Ordinal);

    private static bool IsAscii(string value)
    {
        foreach (var c in value)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
