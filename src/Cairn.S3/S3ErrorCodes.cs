namespace Cairn.S3;

/// <summary>
/// S3 error codes Cairn answers with, as clients match them
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList).
/// </summary>
public static class S3ErrorCodes
{
    public const string AccessDenied = "AccessDenied";
    public const string AuthorizationHeaderMalformed = "AuthorizationHeaderMalformed";
    public const string AuthorizationQueryParametersError = "AuthorizationQueryParametersError";
    public const string BadDigest = "BadDigest";
    public const string BucketAlreadyExists = "BucketAlreadyExists";
    public const string BucketNotEmpty = "BucketNotEmpty";
    public const string EntityTooLarge = "EntityTooLarge";
    public const string ExpiredToken = "ExpiredToken";
    public const string IncompleteBody = "IncompleteBody";
    public const string InternalError = "InternalError";
    public const string InvalidAccessKeyId = "InvalidAccessKeyId";
    public const string InvalidArgument = "InvalidArgument";
    public const string InvalidBucketName = "InvalidBucketName";
    public const string InvalidBucketState = "InvalidBucketState";
    public const string InvalidDigest = "InvalidDigest";
    public const string InvalidPart = "InvalidPart";
    public const string InvalidRange = "InvalidRange";
    public const string InvalidRequest = "InvalidRequest";
    public const string MalformedXml = "MalformedXML";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string MissingContentLength = "MissingContentLength";
    public const string MissingSecurityHeader = "MissingSecurityHeader";
    public const string NoSuchBucket = "NoSuchBucket";
    public const string NoSuchCorsConfiguration = "NoSuchCORSConfiguration";
    public const string NoSuchObjectLockConfiguration = "NoSuchObjectLockConfiguration";
    public const string ObjectLockConfigurationNotFound = "ObjectLockConfigurationNotFoundError";
    public const string ServerSideEncryptionConfigurationNotFound = "ServerSideEncryptionConfigurationNotFoundError";
    public const string NoSuchKey = "NoSuchKey";
    public const string NoSuchUpload = "NoSuchUpload";
    public const string NoSuchVersion = "NoSuchVersion";
    public const string InvalidPartOrder = "InvalidPartOrder";
    public const string PreconditionFailed = "PreconditionFailed";
    public const string EntityTooSmall = "EntityTooSmall";
    public const string NotImplemented = "NotImplemented";
    public const string OperationAborted = "OperationAborted";
    public const string RequestTimeout = "RequestTimeout";
    public const string RequestTimeTooSkewed = "RequestTimeTooSkewed";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string SignatureDoesNotMatch = "SignatureDoesNotMatch";
    public const string SlowDown = "SlowDown";
    public const string TooManyBuckets = "TooManyBuckets";
    public const string XAmzContentSha256Mismatch = "XAmzContentSHA256Mismatch";
}
