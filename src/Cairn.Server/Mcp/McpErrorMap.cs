using Cairn.Core.Errors;

namespace Cairn.Server.Mcp;

/// <summary>
/// The one table from the object service's reasons to what an agent reads in a failed tool result: a stable code
/// and what to do next. MCP has no HTTP status of its own to borrow, so none is shown.
/// </summary>
public static class McpErrorMap
{
    public readonly record struct McpError(string Code, string NextStep);

    private const string FixArguments = "Fix the arguments and call again.";
    private const string CheckIds = "Check the ids with list_buckets or list_files.";
    private const string OutsideKey = "This agent's key does not allow it; ask the user for a key that does.";
    private const string SignInAgain = "Sign in again.";
    private const string TryLater = "Try again later.";
    private const string AskUser = "Tell the user; nothing was changed.";

    public static McpError Map(CairnError error) => error switch
    {
        CairnError.BadRequest => new("bad_request", FixArguments),
        CairnError.BadJson => new("bad_json", FixArguments),
        CairnError.OutOfRange => new("out_of_range", FixArguments),
        CairnError.BucketNotFound => new("bucket_not_found", CheckIds),
        CairnError.DuplicateBucketName => new("duplicate_bucket_name", "Bucket names are global; choose another name."),
        CairnError.TooManyBuckets => new("too_many_buckets", AskUser),
        CairnError.BucketNotEmpty => new("bucket_not_empty", "Delete its file versions first."),
        CairnError.NotFound => new("not_found", CheckIds),
        CairnError.NoSuchFile => new("no_such_file", CheckIds),
        CairnError.FileAlreadyHidden => new("already_hidden", "Nothing to do: the file is already hidden."),
        CairnError.FileNotPresent => new("file_not_present", CheckIds),
        CairnError.MissingPart => new("missing_part", FixArguments),
        CairnError.NoActiveUpload => new("no_active_upload", "The large file is finished or cancelled; start a new one."),
        CairnError.PartSha1Mismatch => new("part_sha1_mismatch", FixArguments),
        CairnError.UploadTokenInUse => new("upload_token_in_use", "Get another upload URL for each concurrent upload."),
        CairnError.SourceTooLarge => new("source_too_large", FixArguments),
        CairnError.RangeNotSatisfiable => new("range_not_satisfiable", FixArguments),
        CairnError.Unauthorized => new("unauthorized", OutsideKey),
        CairnError.BadAuthToken => new("bad_auth_token", SignInAgain),
        CairnError.ExpiredAuthToken => new("expired_auth_token", SignInAgain),
        CairnError.MissingAuthToken => new("missing_auth_token", SignInAgain),
        CairnError.AccessDenied => new("access_denied", OutsideKey),
        CairnError.Conflict => new("conflict", "Read the current state and call again."),
        CairnError.FileLockConflict => new("file_lock_conflict", AskUser),
        CairnError.BucketMissingFileLock => new("bucket_missing_file_lock", AskUser),
        CairnError.SourceReplicationConflict => new("source_replication_conflict", AskUser),
        CairnError.EventTypesEmpty => new("event_types_empty", FixArguments),
        CairnError.EventTypeInvalid => new("event_type_invalid", FixArguments),
        CairnError.EventTypeOverlap => new("event_type_overlap", FixArguments),
        CairnError.EventTypeCategories => new("event_type_categories", FixArguments),
        CairnError.StorageCapExceeded => new("storage_cap_exceeded", AskUser),
        CairnError.TransactionCapExceeded => new("transaction_cap_exceeded", AskUser),
        CairnError.DownloadCapExceeded => new("download_cap_exceeded", AskUser),
        CairnError.CapExceeded => new("cap_exceeded", AskUser),
        CairnError.RateLimited => new("rate_limited", TryLater),
        CairnError.MethodNotAllowed => new("method_not_allowed", FixArguments),
        CairnError.RequestTimeout => new("request_timeout", TryLater),
        CairnError.ServiceUnavailable => new("service_unavailable", TryLater),
        CairnError.Internal => new("internal_error", TryLater),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Every reason has a row in this table."),
    };
}
