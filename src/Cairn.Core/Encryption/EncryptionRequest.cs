using Cairn.Core.Errors;

namespace Cairn.Core.Encryption;

/// <summary>
/// What a request asks for: <see cref="SseModes.None"/>, <see cref="SseModes.SseB2"/>, or <see cref="SseModes.SseC"/>
/// with its key. A request that says nothing is a null <see cref="EncryptionRequest"/>: the bucket default applies.
/// </summary>
public sealed record EncryptionRequest
{
    public static readonly EncryptionRequest None = new(SseModes.None, null);

    public static readonly EncryptionRequest SseB2 = new(SseModes.SseB2, null);

    private EncryptionRequest(string mode, CustomerKey? key)
    {
        Mode = mode;
        Key = key;
    }

    public string Mode { get; }

    /// <summary>Set exactly when <see cref="Mode"/> is SSE-C.</summary>
    public CustomerKey? Key { get; }

    public static EncryptionRequest SseC(CustomerKey key) => new(SseModes.SseC, key);

    /// <summary>
    /// A mode and algorithm from the wire (JSON <c>{mode, algorithm}</c> or the SSE-B2 header). Mode null or
    /// <c>none</c> is no encryption; SSE-B2 needs AES256; SSE-C goes through <see cref="SseC"/> with its key.
    /// </summary>
    public static EncryptionRequest Parse(string? mode, string? algorithm, string what) => mode switch
    {
        null or SseModes.None when algorithm is null => None,
        null or SseModes.None => throw Fail.BadRequest($"{what}: no algorithm may be given without encryption"),
        SseModes.SseB2 when algorithm == SseModes.Aes256 => SseB2,
        SseModes.SseB2 => throw Fail.BadRequest($"{what}: the SSE-B2 algorithm must be {SseModes.Aes256}"),
        _ => throw Fail.BadRequest($"{what}: unknown server-side encryption mode {mode}"),
    };
}
