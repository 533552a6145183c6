namespace Cairn.S3;

/// <summary>
/// A refusal that belongs to the S3 wire itself (a bad signature, a malformed header, an operation Cairn does not
/// serve), not to the object service: those are <see cref="Cairn.Core.Errors.CairnException"/> and go through
/// <see cref="S3ErrorMap"/>.
/// </summary>
public sealed class S3Exception : Exception
{
    public S3Exception(int status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; }

    public string Code { get; }

    public static S3Exception AccessDenied(string message) => new(403, S3ErrorCodes.AccessDenied, message);

    public static S3Exception InvalidArgument(string message) => new(400, S3ErrorCodes.InvalidArgument, message);

    public static S3Exception InvalidRequest(string message) => new(400, S3ErrorCodes.InvalidRequest, message);

    public static S3Exception MalformedXml() => new(400, S3ErrorCodes.MalformedXml,
        "The XML you provided was not well-formed or did not validate against our published schema.");

    public static S3Exception SignatureDoesNotMatch() => new(403, S3ErrorCodes.SignatureDoesNotMatch,
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.");

    public static S3Exception NotImplemented(string what) => new(501, S3ErrorCodes.NotImplemented, $"{what} is not implemented");
}
