namespace Cairn.B2;

/// <summary>
/// The <c>code</c> strings of B2 error bodies. Source: b2-api/errors.md (Backblaze's "Error Handling" page and the
/// codes b2sdk, rclone and the b2 CLI switch on).
/// </summary>
public static class B2ErrorCodes
{
    public const string BadRequest = "bad_request";
    public const string BadJson = "bad_json";
    public const string BadBucketId = "bad_bucket_id";
    public const string DuplicateBucketName = "duplicate_bucket_name";
    public const string TooManyBuckets = "too_many_buckets";
    public const string CannotDeleteNonEmptyBucket = "cannot_delete_non_empty_bucket";
    public const string NoSuchFile = "no_such_file";
    public const string AlreadyHidden = "already_hidden";
    public const string FileNotPresent = "file_not_present";
    public const string MissingPart = "missing_part";
    public const string PartSha1Mismatch = "part_sha1_mismatch";
    public const string AuthTokenLimit = "auth_token_limit";
    public const string SourceTooLarge = "source_too_large";
    public const string FileLockConflict = "file_lock_conflict";
    public const string BucketMissingFileLock = "bucket_missing_file_lock";
    public const string SourceReplicationConflict = "source_replication_conflict";

    // Event notification rules; b2sdk maps each to its own exception (b2sdk/_internal/exception.py).
    public const string EventTypesEmpty = "event_types_empty";
    public const string EventTypeInvalid = "event_type_invalid";
    public const string EventTypeOverlap = "event_type_overlap";
    public const string EventTypeCategories = "event_type_categories";
    public const string OutOfRange = "out_of_range";
    public const string BadAuthToken = "bad_auth_token";
    public const string ExpiredAuthToken = "expired_auth_token";
    public const string Unauthorized = "unauthorized";
    public const string MissingAuthToken = "missing_auth_token";
    public const string AccessDenied = "access_denied";
    public const string CapExceeded = "cap_exceeded";
    public const string StorageCapExceeded = "storage_cap_exceeded";
    public const string TransactionCapExceeded = "transaction_cap_exceeded";
    public const string DownloadCapExceeded = "download_cap_exceeded";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string RequestTimeout = "request_timeout";
    public const string Conflict = "conflict";
    public const string RangeNotSatisfiable = "range_not_satisfiable";
    public const string TooManyRequests = "too_many_requests";
    public const string InternalError = "internal_error";
    public const string ServiceUnavailable = "service_unavailable";
}
