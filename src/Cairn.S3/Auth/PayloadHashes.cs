namespace Cairn.S3.Auth;

/// <summary>The special values of <c>x-amz-content-sha256</c>, besides a body's hex SHA-256.</summary>
public static class PayloadHashes
{
    public const string Unsigned = "UNSIGNED-PAYLOAD";
    public const string StreamingSigned = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public const string StreamingSignedTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public const string StreamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    /// <summary>SHA-256 of nothing, the hash of a GET's body.</summary>
    public const string Empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static bool IsStreaming(string value) => value is StreamingSigned or StreamingSignedTrailer or StreamingUnsignedTrailer;
}
