using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Core.Files;

/// <summary>
/// The values B2 sends back as real response headers on download: the five <c>b2-*</c> file info entries, the
/// <c>b2Content*</c> query overrides (and the values a download authorization binds) and the content type. B2 takes
/// them already decoded (percent-encoding is only the wire form of <c>X-Bz-Info-*</c>) and requires each to be valid
/// for its header (b2_upload_file: RFC 6266 for <c>Content-Disposition</c>, RFC 2616 for the others). A response header
/// carries visible ASCII, spaces and tabs only, so that is what is accepted: no control character, nothing beyond
/// ASCII. A non-ASCII file name goes in <c>filename*=UTF-8''&lt;percent-encoded&gt;</c> (RFC 5987), the only
/// extended value B2 supports (charset UTF-8, empty language, no parameter continuations).
/// </summary>
public static class ContentHeaderRules
{
    public const string ContentDisposition = "Content-Disposition";

    private const string TokenSeparators = "()<>@,;:\\\"/[]?={} \t";
    private const string AttrSymbols = "!#$&+-.^_`|~";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The response header a <c>b2-*</c> file info name becomes, or null for any other name.</summary>
    public static string? HeaderFor(string infoName) => infoName switch
    {
        "b2-content-disposition" => ContentDisposition,
        "b2-content-language" => "Content-Language",
        "b2-expires" => "Expires",
        "b2-cache-control" => "Cache-Control",
        "b2-content-encoding" => "Content-Encoding",
        _ => null,
    };

    /// <summary>Refuses (400 <c>bad_request</c>) a value that is not valid for <paramref name="header"/>; <paramref name="what"/> names it for the message.</summary>
    public static void Require(string header, string value, string what)
    {
        if (Problem(header, value) is { } problem)
        {
            throw Fail.BadRequest($"Invalid {what}: {problem}");
        }
    }

    public static bool IsValid(string header, string value) => Problem(header, value) is null;

    /// <summary>Why the value can not be sent as <paramref name="header"/>, or null when it can.</summary>
    public static string? Problem(string header, string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' and not '\t' || c == 127)
            {
                return $"control character U+{(int)c:X4} is not allowed in a header value";
            }
            if (c > 126)
            {
                return header.Equals(ContentDisposition, StringComparison.OrdinalIgnoreCase)
                    ? "non-ASCII characters are not allowed; give a non-ASCII file name as filename*=UTF-8''<percent-encoded UTF-8> (RFC 5987)"
                    : "non-ASCII characters are not allowed in a header value";
            }
        }
        return header.Equals(ContentDisposition, StringComparison.OrdinalIgnoreCase) ? DispositionProblem(value) : null;
    }

    /// <summary>
    /// RFC 6266: <c>disposition-type *( ";" disposition-parm )</c>, a parameter being <c>token "=" (token | quoted-string)</c>
    /// or <c>token* "=" ext-value</c>; optional whitespace around the separators.
    /// </summary>
    private static string? DispositionProblem(string value)
    {
        var i = 0;
        SkipSpace(value, ref i);
        if (ReadToken(value, ref i).Length == 0)
        {
            return "a Content-Disposition value starts with a disposition type such as inline or attachment (RFC 6266)";
        }
        SkipSpace(value, ref i);
        while (i < value.Length)
        {
            if (value[i] != ';')
            {
                return $"unexpected '{value[i]}' at offset {i} (RFC 6266)";
            }
            i++;
            SkipSpace(value, ref i);
            var name = ReadToken(value, ref i);
            if (name.Length == 0)
            {
                return $"a parameter name is missing at offset {i} (RFC 6266)";
            }
            SkipSpace(value, ref i);
            if (i >= value.Length || value[i] != '=')
            {
                return $"parameter {name} has no value (RFC 6266)";
            }
            i++;
            SkipSpace(value, ref i);
            var problem = name.EndsWith('*') ? ExtendedValueProblem(name, value, ref i) : PlainValueProblem(name, value, ref i);
            if (problem is not null)
            {
                return problem;
            }
            SkipSpace(value, ref i);
        }
        return null;
    }

    private static string? PlainValueProblem(string name, string value, ref int i)
    {
        if (name.Contains('*', StringComparison.Ordinal))
        {
            return $"parameter continuations are not supported ({name})";
        }
        if (i < value.Length && value[i] == '"')
        {
            for (i++; i < value.Length; i++)
            {
                if (value[i] == '\\')
                {
                    i++;
                }
                else if (value[i] == '"')
                {
                    i++;
                    return null;
                }
            }
            return $"the quoted value of parameter {name} is not closed (RFC 6266)";
        }
        return ReadToken(value, ref i).Length == 0 ? $"parameter {name} needs a token or a quoted string (RFC 6266)" : null;
    }

    /// <summary>RFC 5987 <c>ext-value = charset "'" [ language ] "'" value-chars</c>, as far as B2 supports it.</summary>
    private static string? ExtendedValueProblem(string name, string value, ref int i)
    {
        var bare = name[..^1];
        if (bare.Length == 0 || bare.Contains('*', StringComparison.Ordinal))
        {
            return $"parameter continuations are not supported ({name})";
        }
        var charsetEnd = value.IndexOf('\'', i);
        if (charsetEnd < 0)
        {
            return $"{name} needs an extended value charset'language'value-chars (RFC 5987)";
        }
        if (!value.AsSpan(i, charsetEnd - i).Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            return $"{name}: only the UTF-8 charset is supported";
        }
        if (charsetEnd + 1 >= value.Length || value[charsetEnd + 1] != '\'')
        {
            return $"{name}: a language is not supported; write UTF-8''<value>";
        }
        i = charsetEnd + 2;
        var bytes = new List<byte>();
        while (i < value.Length && value[i] is not (';' or ' ' or '\t'))
        {
            var c = value[i];
            if (c == '%')
            {
                if (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2]))
                {
                    return $"{name}: invalid percent-encoding at offset {i}";
                }
                bytes.Add(Convert.FromHexString(value.AsSpan(i + 1, 2))[0]);
                i += 3;
            }
            else if (char.IsAsciiLetterOrDigit(c) || AttrSymbols.Contains(c, StringComparison.Ordinal))
            {
                bytes.Add((byte)c);
                i++;
            }
            else
            {
                return $"{name}: '{c}' must be percent-encoded (RFC 5987)";
            }
        }
        try
        {
            _ = StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return $"{name}: the percent-encoded bytes are not valid UTF-8";
        }
        return null;
    }

    private static string ReadToken(string value, ref int i)
    {
        var start = i;
        while (i < value.Length && value[i] is > ' ' and < (char)127 && !TokenSeparators.Contains(value[i], StringComparison.Ordinal))
        {
            i++;
        }
        // An ext-token is a token followed by '*'; '*' is itself a token character, so it is already included.
        return value[start..i];
    }

    private static void SkipSpace(string value, ref int i)
    {
        while (i < value.Length && value[i] is ' ' or '\t')
        {
            i++;
        }
    }
}
