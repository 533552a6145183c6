using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Fuzz.Tests.S3;

/// <summary>
/// SigV4 written out again from AWS's description, independently of the server's verifier, so the fuzz signs what a
/// client signs: canonical request, string to sign, signing key, chunk and trailer signatures.
/// </summary>
public static class S3Signing
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));

    public static byte[] SigningKey(string secret, string date, string region)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, "s3"u8);
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    public static string Sign(byte[] key, string stringToSign) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>RFC 3986 unreserved characters stay; every other UTF-8 byte becomes %XX; '/' stays in paths.</summary>
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
                builder.Append('%').Append(((int)b).ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary>The query as sent: each name and value encoded, in the order given.</summary>
    public static string Query(IEnumerable<KeyValuePair<string, string?>> query) =>
        string.Join('&', query.Select(q => Encode(q.Key, false) + (q.Value is null ? "" : "=" + Encode(q.Value, false))));

    public static string CanonicalRequest(string method, string encodedPath, IEnumerable<KeyValuePair<string, string?>> query,
        IReadOnlyList<KeyValuePair<string, string>> headers, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        var canonicalQuery = query
            .Select(q => (Name: Encode(q.Key, false), Value: Encode(q.Value ?? "", false)))
            .OrderBy(q => q.Name, StringComparer.Ordinal).ThenBy(q => q.Value, StringComparer.Ordinal)
            .Select(q => q.Name + "=" + q.Value);
        var builder = new StringBuilder();
        builder.Append(method).Append('\n').Append(encodedPath).Append('\n').AppendJoin('&', canonicalQuery).Append('\n');
        foreach (var name in signedHeaders)
        {
            var values = headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => Collapse(h.Value));
            builder.Append(name).Append(':').AppendJoin(',', values).Append('\n');
        }
        builder.Append('\n').AppendJoin(';', signedHeaders).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    public static string StringToSign(string timestamp, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{timestamp}\n{scope}\n{Sha256Hex(canonicalRequest)}";

    public static string ChunkStringToSign(string timestamp, string scope, string previous, byte[] data) =>
        $"AWS4-HMAC-SHA256-PAYLOAD\n{timestamp}\n{scope}\n{previous}\n{EmptySha256}\n{Sha256Hex(data)}";

    public static string TrailerStringToSign(string timestamp, string scope, string previous, string canonicalTrailers) =>
        $"AWS4-HMAC-SHA256-TRAILER\n{timestamp}\n{scope}\n{previous}\n{Sha256Hex(canonicalTrailers)}";

    private static string Collapse(string value)
    {
        var trimmed = value.Trim();
        var builder = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
