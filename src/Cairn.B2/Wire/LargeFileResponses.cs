namespace Cairn.B2.Wire;

/// <summary>b2_get_upload_part_url.</summary>
public sealed record GetUploadPartUrlResponse(string AuthorizationToken, string FileId, string UploadUrl);

/// <summary>One part, as b2_upload_part, b2_copy_part and b2_list_parts describe it.</summary>
public sealed record PartResponse(
    long ContentLength,
    string ContentMd5,
    string ContentSha1,
    string FileId,
    int PartNumber,
    EncryptionSetting ServerSideEncryption,
    long UploadTimestamp);

/// <summary>b2_list_parts.</summary>
public sealed record ListPartsResponse(int? NextPartNumber, IReadOnlyList<PartResponse> Parts);

/// <summary>b2_list_unfinished_large_files; the real service always sends <c>nextFileName</c> as null.</summary>
public sealed record ListUnfinishedLargeFilesResponse(IReadOnlyList<FileVersionResponse> Files, string? NextFileId, string? NextFileName);

/// <summary>b2_cancel_large_file.</summary>
public sealed record CancelLargeFileResponse(string AccountId, string BucketId, string FileId, string FileName);
