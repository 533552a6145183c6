using Cairn.Core.Errors;

namespace Cairn.Server.B2;

/// <summary>The one table from the object service's reasons to B2's status and code.</summary>
public static class B2ErrorMap
{
    public readonly record struct B2Error(int Status, string Code);

    public static B2Error Map(CairnError error) => error switch
    {
        CairnError.BadRequest => new(400, B2ErrorCodes.BadRequest),
        CairnError.BadJson => new(400, B2ErrorCodes.BadJson),
        CairnError.OutOfRange => new(400, B2ErrorCodes.OutOfRange),
        CairnError.BucketNotFound => new(400, B2ErrorCodes.BadBucketId),
        CairnError.DuplicateBucketName => new(400, B2ErrorCodes.DuplicateBucketName),
        CairnError.TooManyBuckets => new(400, B2ErrorCodes.TooManyBuckets),
        CairnError.BucketNotEmpty => new(400, B2ErrorCodes.CannotDeleteNonEmptyBucket),
        CairnError.NotFound => new(404, B2ErrorCodes.NotFound),
        CairnError.NoSuchFile => new(400, B2ErrorCodes.NoSuchFile),
        CairnError.FileAlreadyHidden => new(400, B2ErrorCodes.AlreadyHidden),
        CairnError.FileNotPresent => new(400, B2ErrorCodes.FileNotPresent),
        CairnError.MissingPart => new(400, B2ErrorCodes.MissingPart),
        CairnError.NoActiveUpload => new(400, B2ErrorCodes.BadRequest),
        CairnError.PartSha1Mismatch => new(400, B2ErrorCodes.PartSha1Mismatch),
        CairnError.UploadTokenInUse => new(400, B2ErrorCodes.AuthTokenLimit),
        CairnError.SourceTooLarge => new(400, B2ErrorCodes.SourceTooLarge),
        CairnError.RangeNotSatisfiable => new(416, B2ErrorCodes.RangeNotSatisfiable),
        CairnError.Unauthorized => new(401, B2ErrorCodes.Unauthorized),
        CairnError.BadAuthToken => new(401, B2ErrorCodes.BadAuthToken),
        CairnError.ExpiredAuthToken => new(401, B2ErrorCodes.ExpiredAuthToken),
        CairnError.MissingAuthToken => new(401, B2ErrorCodes.MissingAuthToken),
        CairnError.AccessDenied => new(403, B2ErrorCodes.AccessDenied),
        CairnError.Conflict => new(409, B2ErrorCodes.Conflict),
        CairnError.FileLockConflict => new(400, B2ErrorCodes.FileLockConflict),
        CairnError.BucketMissingFileLock => new(400, B2ErrorCodes.BucketMissingFileLock),
        CairnError.SourceReplicationConflict => new(400, B2ErrorCodes.SourceReplicationConflict),
        CairnError.EventTypesEmpty => new(400, B2ErrorCodes.EventTypesEmpty),
        CairnError.EventTypeInvalid => new(400, B2ErrorCodes.EventTypeInvalid),
        CairnError.EventTypeOverlap => new(400, B2ErrorCodes.EventTypeOverlap),
        CairnError.EventTypeCategories => new(400, B2ErrorCodes.EventTypeCategories),
        CairnError.StorageCapExceeded => new(403, B2ErrorCodes.StorageCapExceeded),
        CairnError.TransactionCapExceeded => new(403, B2ErrorCodes.TransactionCapExceeded),
        CairnError.DownloadCapExceeded => new(403, B2ErrorCodes.DownloadCapExceeded),
        CairnError.CapExceeded => new(403, B2ErrorCodes.CapExceeded),
        CairnError.RateLimited => new(429, B2ErrorCodes.TooManyRequests),
        CairnError.MethodNotAllowed => new(405, B2ErrorCodes.MethodNotAllowed),
        CairnError.RequestTimeout => new(408, B2ErrorCodes.RequestTimeout),
        CairnError.ServiceUnavailable => new(503, B2ErrorCodes.ServiceUnavailable),
        CairnError.Internal => new(500, B2ErrorCodes.InternalError),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Every reason has a row in this table."),
    };
}
