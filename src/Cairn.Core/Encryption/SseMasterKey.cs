using System.Security.Cryptography;

namespace Cairn.Core.Encryption;

/// <summary>
/// The server's SSE-B2 master key: 32 bytes that wrap (AES-KWP, RFC 5649) the random data key of every SSE-B2 blob.
/// Where it comes from is the host's business (a key file in the data directory, <c>CAIRN_SSE_MASTER_KEY</c>, or a
/// random key per process in memory mode); it is never stored in the metadata store next to the wrapped keys.
/// </summary>
public sealed class SseMasterKey
{
    public SseMasterKey(byte[] key)
    {
        if (key.Length != AesCtr.KeySize)
        {
            throw new ArgumentException($"The SSE master key must be {AesCtr.KeySize} bytes, not {key.Length}", nameof(key));
        }
        Key = key;
    }

    public byte[] Key { get; }

    public static SseMasterKey Random() => new(RandomNumberGenerator.GetBytes(AesCtr.KeySize));

    /// <summary>Base64 of 32 bytes, the form of the key file and of <c>CAIRN_SSE_MASTER_KEY</c>.</summary>
    public static SseMasterKey FromBase64(string text)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new FormatException("The SSE master key must be base64 of 32 bytes");
        }
        return key.Length == AesCtr.KeySize ? new SseMasterKey(key) : throw new FormatException($"The SSE master key must be base64 of 32 bytes, not {key.Length}");
    }

    public string ToBase64() => Convert.ToBase64String(Key);

    public override string ToString() => "SSE master key";
}
