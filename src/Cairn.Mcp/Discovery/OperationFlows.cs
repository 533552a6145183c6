namespace Cairn.Mcp.Discovery;

/// <summary>
/// The steps of the operations that take more than one call, said the way an agent on this endpoint runs them: with
/// call_operation, the large-file tools, and plain HTTP for bytes (which never pass through the conversation).
/// </summary>
public static class OperationFlows
{
    private static readonly string[] Upload =
    [
        "1. call_operation b2_get_upload_url {bucketId} (or the get_upload_url tool): answers uploadUrl and authorizationToken, good for one upload at a time.",
        "2. POST the bytes to uploadUrl with headers Authorization: <authorizationToken>, X-Bz-File-Name: <percent-encoded name>, Content-Type (b2/x-auto to guess), Content-Length and X-Bz-Content-Sha1: <SHA-1 of the bytes, hex>.",
        "3. The reply is the new file version; its contentSha1 equals the SHA-1 you sent, so the server verified the bytes. Small text can go inline with the upload_file tool instead.",
    ];

    private static readonly string[] LargeFile =
    [
        "1. start_large_file {bucketId, fileName, contentType}: answers fileId. Use it for files over 100 MB or to send pieces in parallel.",
        "2. get_upload_part_url {fileId} per upload thread: answers uploadUrl and authorizationToken.",
        "3. POST each part (at least the minimum part size, 5 MB by default, except the last) to uploadUrl with Authorization: <authorizationToken>, X-Bz-Part-Number: 1, 2, …, Content-Length and X-Bz-Content-Sha1: <the part's SHA-1>.",
        "4. list_parts {fileId} shows what arrived (to resume after an interruption).",
        "5. finish_large_file {fileId, partSha1Array: [SHA-1 of part 1, part 2, …]} makes the file; or cancel_large_file {fileId, confirm: true} to abandon it.",
    ];

    private static readonly string[] Download =
    [
        "Small files: the download_file tool answers the content inline.",
        "Larger files or a link for someone else: the get_download_url tool (or call_operation b2_get_download_authorization {bucketId, fileNamePrefix, validDurationInSeconds}) answers a URL that works without credentials for a while; fetch it with HTTP GET.",
    ];

    private static readonly string[] LargeCopy =
    [
        "1. start_large_file for the destination name.",
        "2. call_operation b2_copy_part {sourceFileId, largeFileId, partNumber, range: 'bytes=a-b'} for each piece.",
        "3. finish_large_file with the SHA-1 of each copied part (from each b2_copy_part reply's contentSha1).",
    ];

    private static readonly string[] Lifecycle =
    [
        "1. call_operation b2_list_buckets {bucketName} to read the bucket's current lifecycleRules (b2_update_bucket replaces the whole list).",
        "2. call_operation b2_update_bucket {bucketId, lifecycleRules: [...the current rules, {fileNamePrefix: 'tmp/', daysFromUploadingToHiding: 7, daysFromHidingToDeleting: 1}], confirm: true} after the user agreed; or the set_lifecycle_rules tool.",
    ];

    private static readonly Dictionary<string, string[]> ByOperation = new(StringComparer.Ordinal)
    {
        ["b2_get_upload_url"] = Upload,
        ["b2_upload_file"] = Upload,
        ["b2_start_large_file"] = LargeFile,
        ["b2_get_upload_part_url"] = LargeFile,
        ["b2_upload_part"] = LargeFile,
        ["b2_list_parts"] = LargeFile,
        ["b2_finish_large_file"] = LargeFile,
        ["b2_cancel_large_file"] = LargeFile,
        ["b2_copy_part"] = LargeCopy,
        ["b2_download_file_by_name"] = Download,
        ["b2_download_file_by_id"] = Download,
        ["b2_get_download_authorization"] = Download,
        ["b2_update_bucket"] = Lifecycle,
    };

    /// <summary>The steps around an operation, or none when one call does it.</summary>
    public static IReadOnlyList<string> For(string operation) => ByOperation.GetValueOrDefault(operation) ?? [];
}
