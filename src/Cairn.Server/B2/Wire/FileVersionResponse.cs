using System.Text.Json.Serialization;

namespace Cairn.Server.B2.Wire;

/// <summary>
/// The file version object (b2-api/listing-and-versions.md). Hide markers and folders have no retention, legal
/// hold or encryption keys; v1 listings add <c>size</c> next to <c>contentLength</c>.
/// </summary>
public sealed record FileVersionResponse(
    string AccountId,
    string Action,
    string BucketId,
    long ContentLength,
    string? ContentMd5,
    string ContentSha1,
    string? ContentType,
    string? FileId,
    IReadOnlyDictionary<string, string> FileInfo,
    string FileName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FileRetentionWrapper? FileRetention,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LegalHoldWrapper? LegalHold,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReplicationStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EncryptionSetting? ServerSideEncryption,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Size,
    long UploadTimestamp);

public sealed record FileRetentionWrapper(bool IsClientAuthorizedToRead, FileRetentionResponse? Value);

public sealed record FileRetentionResponse(string? Mode, long? RetainUntilTimestamp);

public sealed record LegalHoldWrapper(bool IsClientAuthorizedToRead, string? Value);

public sealed record ListFileNamesResponse(IReadOnlyList<FileVersionResponse> Files, string? NextFileName);

public sealed record ListFileVersionsResponse(IReadOnlyList<FileVersionResponse> Files, string? NextFileId, string? NextFileName);

public sealed record DeleteFileVersionResponse(string FileId, string FileName);

public sealed record GetUploadUrlResponse(string AuthorizationToken, string BucketId, string UploadUrl);

public sealed record UpdateFileRetentionResponse(string FileId, string FileName, FileRetentionResponse FileRetention);

public sealed record UpdateFileLegalHoldResponse(string FileId, string FileName, string? LegalHold);
public sealed record GetDownloadAuthorizationResponse(string AuthorizationToken, string BucketId, string FileNamePrefix);
