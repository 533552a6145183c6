using System.Security.Cryptography;
using System.Text;

namespace Cairn.S3.Auth;

/// <summary>
/// What a verified SigV4 request carries on to its body: the signing key, timestamp, scope and seed signature that
/// chunk and trailer signatures chain from.
/// </summary>
public sealed class SigningScope
{
    public SigningScope(byte[] signingKey, string timestamp, string scope, string seedSignature)
    {
        SigningKey = signingKey;
        Timestamp = timestamp;
        Scope = scope;
        SeedSignature = seedSignature;
    }

    public byte[] SigningKey { get; }

    public string Timestamp { get; }

    public string Scope { get; }

    public string SeedSignature { get; }

    /// <summary>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").</summary>
    public static byte[] DeriveKey(string secret, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    /// <summary>Lower-case hex HMAC-SHA256 of <paramref name="stringToSign"/> under the signing key.</summary>
    public string Sign(string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(SigningKey, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Compares a signature the client sent with the one computed, in constant time.</summary>
    public static bool Matches(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given.ToLowerInvariant()));
}
