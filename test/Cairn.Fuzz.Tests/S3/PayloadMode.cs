namespace Cairn.Fuzz.Tests.S3;

/// <summary>How a request carries its signature and its body: S3's five payload forms, and a presigned URL.</summary>
public enum PayloadMode
{
    /// <summary>Authorization header; x-amz-content-sha256 is the body's SHA-256.</summary>
    Signed,

    /// <summary>Authorization header; UNSIGNED-PAYLOAD.</summary>
    Unsigned,

    /// <summary>aws-chunked with a signature on every chunk.</summary>
    StreamingSigned,

    /// <summary>aws-chunked, chunk signatures and a signed trailer carrying x-amz-checksum-sha256.</summary>
    StreamingSignedTrailer,

    /// <summary>aws-chunked without signatures, a trailer carrying x-amz-checksum-sha256.</summary>
    StreamingUnsignedTrailer,

    /// <summary>X-Amz-* in the query, only the host signed.</summary>
    Presigned,
}
