using System.Text;

namespace Cairn.S3.Auth;

/// <summary>
/// SigV4's URI encoding: every byte of the UTF-8 form except A–Z a–z 0–9 - . _ ~ becomes %XX (upper-case hex);
/// '/' is kept in paths and encoded in query components
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
/// </summary>
public static class S3UriEncoding
{
    public static string Encode(string value, bool keepSlash)
    {
        var builder = new StringBuilder(value.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' || keepSlash && c == '/')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary>Percent-decodes a raw URL component; '+' stays '+' (S3 clients encode a space as %20).</summary>
    public static string Decode(string raw) => Uri.UnescapeDataString(raw);
}
