namespace Cairn.Core.Encryption;

/// <summary>
/// How a file version's content is encrypted at rest: <see cref="SseModes.SseB2"/> or <see cref="SseModes.SseC"/>
/// (null on the version: plaintext). For SSE-C, the base64 MD5 of the customer's key, which every read must match.
/// </summary>
public sealed record FileEncryption(string Mode, string? CustomerKeyMd5 = null)
{
    public static readonly FileEncryption SseB2 = new(SseModes.SseB2);

    /// <summary>Whether <paramref name="key"/> is the key this file was written with (SSE-C only).</summary>
    public bool IsKey(CustomerKey? key) => Mode == SseModes.SseC && key is not null && key.Md5 == CustomerKeyMd5;
}
