using Cairn.Core.Errors;

namespace Cairn.S3;

/// <summary>
/// Every <see cref="CairnError"/> as S3 answers it: status and error code. A value without a row throws; a test
/// walks every value (only <see cref="CairnError.Internal"/> may be 500). <see cref="CairnError.ServiceUnavailable"/>
/// (a full disk, say) is S3's retryable 503 <c>ServiceUnavailable</c>.
/// </summary>
public static class S3ErrorMap
{
    public static (int Status, string Code) Map(CairnError error) => error switch
    {
        CairnError.BadRequest => (400, S3ErrorCodes.InvalidRequest),
        CairnError.BadJson => (400, S3ErrorCodes.MalformedXml),
        CairnError.OutOfRange => (400, S3ErrorCodes.InvalidArgument),
        CairnError.BucketNotFound => (404, S3ErrorCodes.NoSuchBucket),
        CairnError.DuplicateBucketName => (409, S3ErrorCodes.BucketAlreadyExists),
        CairnError.TooManyBuckets => (400, S3ErrorCodes.TooManyBuckets),
        CairnError.BucketNotEmpty => (409, S3ErrorCodes.BucketNotEmpty),
        CairnError.NotFound => (404, S3ErrorCodes.NoSuchKey),
        CairnError.NoSuchFile => (404, S3ErrorCodes.NoSuchKey),
        CairnError.FileAlreadyHidden => (404, S3ErrorCodes.NoSuchKey),
        CairnError.FileNotPresent => (404, S3ErrorCodes.NoSuchVersion),
        CairnError.MissingPart => (400, S3ErrorCodes.InvalidPart),
        CairnError.NoActiveUpload => (404, S3ErrorCodes.NoSuchUpload),
        CairnError.PartSha1Mismatch => (400, S3ErrorCodes.BadDigest),
        CairnError.UploadTokenInUse => (409, S3ErrorCodes.OperationAborted),
        CairnError.SourceTooLarge => (400, S3ErrorCodes.EntityTooLarge),
        CairnError.RangeNotSatisfiable => (416, S3ErrorCodes.InvalidRange),
        CairnError.Unauthorized => (403, S3ErrorCodes.AccessDenied),
        CairnError.BadAuthToken => (403, S3ErrorCodes.InvalidAccessKeyId),
        CairnError.ExpiredAuthToken => (400, S3ErrorCodes.ExpiredToken),
        CairnError.MissingAuthToken => (403, S3ErrorCodes.AccessDenied),
        CairnError.AccessDenied => (403, S3ErrorCodes.AccessDenied),
        CairnError.Conflict => (409, S3ErrorCodes.OperationAborted),
        CairnError.FileLockConflict => (403, S3ErrorCodes.AccessDenied),
        CairnError.BucketMissingFileLock => (400, S3ErrorCodes.InvalidRequest),
        CairnError.SourceReplicationConflict => (409, S3ErrorCodes.InvalidBucketState),
        CairnError.EventTypesEmpty => (400, S3ErrorCodes.InvalidArgument),
        CairnError.EventTypeInvalid => (400, S3ErrorCodes.InvalidArgument),
        CairnError.EventTypeOverlap => (400, S3ErrorCodes.InvalidArgument),
        CairnError.EventTypeCategories => (400, S3ErrorCodes.InvalidArgument),
        CairnError.StorageCapExceeded => (403, S3ErrorCodes.AccessDenied),
        CairnError.TransactionCapExceeded => (403, S3ErrorCodes.AccessDenied),
        CairnError.DownloadCapExceeded => (403, S3ErrorCodes.AccessDenied),
        CairnError.CapExceeded => (403, S3ErrorCodes.AccessDenied),
        CairnError.RateLimited => (503, S3ErrorCodes.SlowDown),
        CairnError.MethodNotAllowed => (405, S3ErrorCodes.MethodNotAllowed),
        CairnError.RequestTimeout => (400, S3ErrorCodes.RequestTimeout),
        CairnError.ServiceUnavailable => (503, S3ErrorCodes.ServiceUnavailable),
        CairnError.Internal => (500, S3ErrorCodes.InternalError),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Every reason has a row in this table."),
    };
}
