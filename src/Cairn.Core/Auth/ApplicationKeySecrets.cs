using System.Security.Cryptography;
using System.Text;
using Cairn.Core.Ids;

namespace Cairn.Core.Auth;

/// <summary>
/// Application key secrets derived from the key id under a server secret: <c>K</c>, the cluster and 27 base62
/// characters of HMAC-SHA512(root, keyId). Whoever holds the root can recompute a secret, which SigV4 needs (it signs
/// with the secret itself); the store still keeps only a salted hash.
/// </summary>
internal static class ApplicationKeySecrets
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int Length = 27;

    public static string Derive(byte[] root, string applicationKeyId)
    {
        var mac = HMACSHA512.HashData(root, Encoding.UTF8.GetBytes(applicationKeyId));
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            // 64 bytes of MAC for 27 characters: two bytes each keep the modulo bias below 0.1%.
            chars[i] = Base62[((mac[2 * i] << 8) | mac[2 * i + 1]) % Base62.Length];
        }
        return "K" + IdGenerator.Cluster + new string(chars);
    }
}
