using System.Security.Cryptography;
using System.Text;

namespace Cairn.Core.Auth;

/// <summary>
/// Application key secrets are random and long, so a salted SHA-256 is enough (a slow KDF protects guessable
/// passwords, which these are not). Comparison is in constant time.
/// </summary>
public static class SecretHasher
{
    public static string Hash(string secret)
    {
        Span<byte> salt = stackalloc byte[16];
        RandomNumberGenerator.Fill(salt);
        return Convert.ToBase64String(salt) + ":" + Convert.ToBase64String(Digest(salt, secret));
    }

    public static bool Verify(string secret, string stored)
    {
        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }
        try
        {
            var salt = Convert.FromBase64String(stored[..colon]);
            var expected = Convert.FromBase64String(stored[(colon + 1)..]);
            return CryptographicOperations.FixedTimeEquals(Digest(salt, secret), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Digest(ReadOnlySpan<byte> salt, string secret)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var buffer = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(buffer);
        secretBytes.CopyTo(buffer, salt.Length);
        return SHA256.HashData(buffer);
    }
}
