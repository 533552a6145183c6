using System.Security.Cryptography;
using Cairn.Core.Errors;

namespace Cairn.Core.Encryption;

/// <summary>
/// An SSE-C key as a request carries it: 32 bytes and the base64 MD5 the client computed of them. Lives only for the
/// request; Cairn stores the MD5 (to recognise the key later), never the key.
/// </summary>
public sealed class CustomerKey
{
    private CustomerKey(byte[] secret, string md5)
    {
        Secret = secret;
        Md5 = md5;
    }

    /// <summary>The 32 key bytes.</summary>
    public byte[] Secret { get; }

    /// <summary>Base64 of the MD5 of <see cref="Secret"/>, as B2 spells it.</summary>
    public string Md5 { get; }

    /// <summary>
    /// Checks the algorithm, that the key is base64 of 32 bytes and that the MD5 matches it; any failure is 400
    /// bad_request. <paramref name="what"/> names the source in messages (a header or a JSON field).
    /// </summary>
    public static CustomerKey Parse(string? algorithm, string? keyBase64, string? md5Base64, string what)
    {
        if (algorithm != SseModes.Aes256)
        {
            throw Fail.BadRequest($"{what}: the SSE-C algorithm must be {SseModes.Aes256}");
        }
        if (string.IsNullOrEmpty(keyBase64))
        {
            throw Fail.BadRequest($"{what}: the SSE-C customer key is missing");
        }
        if (string.IsNullOrEmpty(md5Base64))
        {
            throw Fail.BadRequest($"{what}: the MD5 of the SSE-C customer key is missing");
        }
        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(keyBase64);
        }
        catch (FormatException)
        {
            throw Fail.BadRequest($"{what}: the SSE-C customer key is not valid base64");
        }
        if (secret.Length != 32)
        {
            throw Fail.BadRequest($"{what}: the SSE-C customer key must be 32 bytes (AES-256), not {secret.Length}");
        }
        var md5 = Convert.ToBase64String(MD5.HashData(secret));
        if (md5 != md5Base64)
        {
            throw Fail.BadRequest($"{what}: the customer key MD5 does not match the customer key");
        }
        return new CustomerKey(secret, md5);
    }

    /// <summary>Never the key itself: this object may end up in a log line.</summary>
    public override string ToString() => $"SSE-C key with MD5 {Md5}";
}
