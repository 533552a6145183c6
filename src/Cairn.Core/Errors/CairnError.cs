namespace Cairn.Core.Errors;

/// <summary>
/// Protocol-neutral reasons a request fails. Each protocol maps every value to its own wire form
/// (B2: <c>B2/B2ErrorMap.cs</c>, MCP: <c>Mcp/McpErrorMap.cs</c>); a test per protocol checks that no value is left unmapped.
/// </summary>
public enum CairnError
{
    /// <summary>Any validation failure without a more specific reason.</summary>
    BadRequest,
    /// <summary>The request body is not valid JSON or has wrong types.</summary>
    BadJson,
    /// <summary>A numeric parameter is outside its allowed range.</summary>
    OutOfRange,
    BucketNotFound,
    DuplicateBucketName,
    TooManyBuckets,
    BucketNotEmpty,
    /// <summary>A version id that is well-formed but names nothing (get_file_info, downloads).</summary>
    NotFound,
    /// <summary>Hiding a name that has no visible version.</summary>
    NoSuchFile,
    FileAlreadyHidden,
    /// <summary>Deleting or otherwise addressing a version that does not exist.</summary>
    FileNotPresent,
    MissingPart,
    /// <summary>A large file (S3: multipart upload) that is not, or no longer, unfinished.</summary>
    NoActiveUpload,
    PartSha1Mismatch,
    /// <summary>One upload token used by two uploads at the same time.</summary>
    UploadTokenInUse,
    SourceTooLarge,
    RangeNotSatisfiable,
    /// <summary>The caller lacks a capability or is outside its key's bucket or name-prefix scope.</summary>
    Unauthorized,
    /// <summary>The authorization token or credentials are unknown or garbled.</summary>
    BadAuthToken,
    ExpiredAuthToken,
    MissingAuthToken,
    AccessDenied,
    /// <summary>Bucket update with an <c>ifRevisionIs</c> that is not the current revision.</summary>
    Conflict,
    FileLockConflict,
    BucketMissingFileLock,
    /// <summary>Turning on file lock for a bucket that is a replication source.</summary>
    SourceReplicationConflict,
    /// <summary>An event notification rule without event types.</summary>
    EventTypesEmpty,
    /// <summary>An event notification rule names an event type B2 does not have.</summary>
    EventTypeInvalid,
    /// <summary>Event notification rules (or one rule's types) select the same events twice.</summary>
    EventTypeOverlap,
    /// <summary>An event type in a category B2 does not have.</summary>
    EventTypeCategories,
    StorageCapExceeded,
    TransactionCapExceeded,
    DownloadCapExceeded,
    CapExceeded,
    RateLimited,
    MethodNotAllowed,
    RequestTimeout,
    ServiceUnavailable,
    /// <summary>A server fault. Mapped to 500; its occurrence is a bug.</summary>
    Internal,
}
