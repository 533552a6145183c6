namespace Cairn.Fuzz.Tests.S3;

/// <summary>One way to break an aws-chunked body's framing or signatures (applied while it is encoded).</summary>
public enum ChunkFault
{
    None,
    SizeNotHex,
    SizeHuge,
    SizeLongerThanData,
    SizeShorterThanData,
    NoChunkSignature,
    WrongChunkSignature,
    NoFinalChunk,
    NoCrlfAfterData,
    MalformedTrailerLine,
    WrongTrailerChecksum,
    WrongTrailerSignature,
    NoTrailerSignature,
    DecodedLengthWrong,
    LineTooLong,
    NegativeSize,
}
