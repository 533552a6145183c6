using Cairn.Core.Errors;

namespace Cairn.Core.Encryption;

/// <summary>
/// How one encrypted blob is keyed, as an opaque string that stores keep next to each segment and part
/// (<see cref="Files.BlobSegment.Key"/>, <see cref="LargeFiles.Part.Key"/>): <c>b2:&lt;iv&gt;:&lt;wrapped data key&gt;</c> for
/// SSE-B2, <c>c:&lt;iv&gt;:&lt;key md5&gt;</c> for SSE-C, base64 fields. Because the envelope travels with the segment, copies
/// and finished large files share encrypted blobs exactly as they share plaintext ones.
/// </summary>
public sealed record BlobEnvelope(string Mode, byte[] InitialCounter, byte[]? WrappedKey, string? CustomerKeyMd5)
{
    private const string SseB2Tag = "b2";
    private const string SseCTag = "c";

    public string Format() => Mode == SseModes.SseB2
        ? $"{SseB2Tag}:{Convert.ToBase64String(InitialCounter)}:{Convert.ToBase64String(WrappedKey!)}"
        : $"{SseCTag}:{Convert.ToBase64String(InitialCounter)}:{CustomerKeyMd5}";

    public static BlobEnvelope Parse(string text)
    {
        var fields = text.Split(':');
        if (fields.Length == 3)
        {
            try
            {
                var counter = Convert.FromBase64String(fields[1]);
                if (counter.Length == AesCtr.NonceSize)
                {
                    switch (fields[0])
                    {
                        case SseB2Tag:
                            return new BlobEnvelope(SseModes.SseB2, counter, Convert.FromBase64String(fields[2]), null);
                        case SseCTag:
                            return new BlobEnvelope(SseModes.SseC, counter, null, fields[2]);
                    }
                }
            }
            catch (FormatException)
            {
            }
        }
        throw new CairnException(CairnError.Internal, "A stored blob encryption envelope is malformed");
    }

    /// <summary>The mode of a stored envelope string, without parsing the rest.</summary>
    public static string ModeOf(string text) => text.StartsWith(SseCTag + ":", StringComparison.Ordinal) ? SseModes.SseC : SseModes.SseB2;
}
