namespace Cairn.Core.Encryption;

/// <summary>B2's names for the server-side encryption modes (b2-api/lifecycle-cors-lock.md, "Server-side encryption").</summary>
public static class SseModes
{
    /// <summary>Plaintext at rest. As a bucket default or an explicit request.</summary>
    public const string None = "none";

    /// <summary>Encrypted with a data key the server holds (wrapped by its master key).</summary>
    public const string SseB2 = "SSE-B2";

    /// <summary>Encrypted with the customer's key, sent with every request and never stored.</summary>
    public const string SseC = "SSE-C";

    /// <summary>The only algorithm B2 offers.</summary>
    public const string Aes256 = "AES256";
}
