using System.Text.Json.Nodes;
using Cairn.B2.Cors;
using Cairn.B2.FileLock;
using Cairn.B2.Files;
using Cairn.B2.Wire;
using Cairn.Core.Keys;

namespace Cairn.B2.OpenApi;

public static partial class B2Operations
{
    private static B2Param FileRetentionParam => B2Param.Object("fileRetention", "Object Lock retention {mode: governance|compliance, retainUntilTimestamp}.", AnyObject);

    private static B2Param EncryptionParam(string name, string description) => B2Param.Object(name, description, AnyObject);

    /// <summary>SSE-C key headers: on uploads and parts of SSE-C files, and on downloads of them.</summary>
    private static IEnumerable<(string, string, bool)> CustomerKeyHeaders =>
    [
        ("X-Bz-Server-Side-Encryption-Customer-Algorithm", "SSE-C: AES256.", false),
        ("X-Bz-Server-Side-Encryption-Customer-Key", "SSE-C: your 256-bit key, base64. Never stored.", false),
        ("X-Bz-Server-Side-Encryption-Customer-Key-Md5", "SSE-C: the key's MD5, base64.", false),
    ];

    private static IEnumerable<(string, string, bool)> UploadHeaders =>
    [
        ("X-Bz-Server-Side-Encryption", "SSE-B2: AES256 to encrypt the file at rest with a server-held key.", false),
        .. CustomerKeyHeaders,
        ("X-Bz-File-Name", "The file's name, percent-encoded UTF-8 (at most 1024 bytes).", true),
        ("Content-Type", "The MIME type, or b2/x-auto to guess it from the name.", true),
        ("Content-Length", "Bytes in the body (plus 40 when the SHA-1 trails the content).", true),
        ("X-Bz-Content-Sha1", "SHA-1 of the content in hex, hex_digits_at_end when the 40 hex digits follow the content, or do_not_verify.", true),
        ("X-Bz-Info-*", "File info (your metadata), one header each, percent-encoded; b2-content-disposition and the like set download headers.", false),
        ("X-Bz-Custom-Upload-Timestamp", "Upload time to record, in milliseconds since the epoch.", false),
        ("X-Bz-File-Retention-Mode", "Object Lock retention mode for this file.", false),
        ("X-Bz-File-Retention-Retain-Until-Timestamp", "Object Lock retention end, milliseconds.", false),
        ("X-Bz-File-Legal-Hold", "on or off.", false),
    ];

    private static IEnumerable<B2Operation> FileOperations =>
    [
        new("b2_get_upload_url", Route("b2_get_upload_url"), Files,
            "Get a URL and token for uploading files to a bucket",
            "Step one of uploading a file (a backup, a photo, any object up to 5 GB): get an upload URL and upload authorization token for the bucket, then POST the bytes there with b2_upload_file. Use one URL per upload thread; get a new one when an upload fails.")
        {
            Handler = GetUploadUrl.HandleAsync,
            Grants = [Capabilities.WriteFiles],
            Parameters = [B2Param.Str("bucketId", "The bucket to upload into.", required: true)],
            Responses = [VersionedResponse.All(B2JsonContext.Default.GetUploadUrlResponse)],
            Errors = [B2ErrorCodes.BadBucketId, B2ErrorCodes.StorageCapExceeded],
            Example = new JsonObject { ["bucketId"] = "4a48fe8875c6214145260818" },
        },
        new("b2_upload_file", Route("b2_upload_file/{bucketId}/{slot?}"), Files,
            "Upload a file (backup, document, image) to a bucket",
            """
            Store a file: POST its bytes to the `uploadUrl` from b2_get_upload_url, with that call's
            `authorizationToken` in `Authorization`, the name in `X-Bz-File-Name` and the SHA-1 in `X-Bz-Content-Sha1`.
            Uploading a name that exists adds a new version. Do not build this URL yourself: it is server-provided
            (the path's `{slot}` segment may be absent).
            """)
        {
            Handler = UploadFile.HandleAsync,
            Kind = OperationKind.Upload,
            Methods = ["POST"],
            Grants = [Capabilities.WriteFiles],
            Headers = [.. UploadHeaders],
            Responses = [VersionedResponse.All(B2JsonContext.Default.FileVersionResponse)],
            Errors = [B2ErrorCodes.BadBucketId, B2ErrorCodes.AuthTokenLimit, B2ErrorCodes.StorageCapExceeded, B2ErrorCodes.CapExceeded,
                B2ErrorCodes.FileLockConflict, B2ErrorCodes.BucketMissingFileLock],
        },
        new("b2_upload_file", Route("b2_upload_file/{bucketId}/{slot?}"), Files,
            "Browser preflight for uploads", "Answers a browser's CORS preflight from the bucket's CORS rules (403 when no rule allows it).")
        {
            Handler = Preflight.UploadFileAsync,
            Kind = OperationKind.Preflight, Methods = ["OPTIONS"],
            Errors = [B2ErrorCodes.AccessDenied],
        },
        new("b2_list_file_names", Route("b2_list_file_names"), Files,
            "List files in a bucket, under a prefix or in a folder",
            "See what is stored: the current (visible) version of each file name, in name order, a page at a time. Use prefix to list files under a path such as photos/2024/, and delimiter '/' to list one folder level (sub-folders come back as entries with action \"folder\").")
        {
            Handler = ListFileNames.HandleAsync,
            Grants = [Capabilities.ListFiles],
            Parameters =
            [
                B2Param.Str("bucketId", "The bucket to list.", required: true),
                B2Param.Str("startFileName", "Continue from here: nextFileName of the previous page."),
                B2Param.Int("maxFileCount", "Names per page, 1 to 10000; default 100.", minimum: 0, maximum: 10000),
                B2Param.Str("prefix", "Only names starting with this, e.g. photos/2024/."),
                B2Param.Str("delimiter", "Folder separator, usually '/': names past it are folded into one folder entry."),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.ListFileNamesResponse)],
            Errors = [B2ErrorCodes.BadBucketId, B2ErrorCodes.OutOfRange],
            Example = new JsonObject { ["bucketId"] = "4a48fe8875c6214145260818", ["prefix"] = "photos/2024/", ["delimiter"] = "/", ["maxFileCount"] = 100 },
        },
        new("b2_list_file_versions", Route("b2_list_file_versions"), Files,
            "List every version of files, including hidden and old ones",
            "See the history: every version of every name (uploads, hide markers, unfinished large files), newest first within a name, a page at a time. Use it to find an old version to restore or delete.")
        {
            Handler = ListFileVersions.HandleAsync,
            Grants = [Capabilities.ListFiles],
            Parameters =
            [
                B2Param.Str("bucketId", "The bucket to list.", required: true),
                B2Param.Str("startFileName", "Continue from here: nextFileName of the previous page."),
                B2Param.Str("startFileId", "With startFileName: nextFileId of the previous page."),
                B2Param.Int("maxFileCount", "Versions per page, 1 to 10000; default 100.", minimum: 0, maximum: 10000),
                B2Param.Str("prefix", "Only names starting with this."),
                B2Param.Str("delimiter", "Folder separator, usually '/'."),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.ListFileVersionsResponse)],
            Errors = [B2ErrorCodes.BadBucketId, B2ErrorCodes.OutOfRange],
        },
        new("b2_get_file_info", Route("b2_get_file_info"), Files,
            "Get a file version's details (size, type, SHA-1, metadata)",
            "Look up one file version by id: name, size, content type, SHA-1, upload time, file info and lock settings, without downloading it.")
        {
            Handler = GetFileInfo.HandleAsync,
            Grants = [Capabilities.ReadFiles],
            Parameters = [B2Param.Str("fileId", "The version's id.", required: true)],
            Responses = [VersionedResponse.All(B2JsonContext.Default.FileVersionResponse)],
            Errors = [B2ErrorCodes.NotFound, B2ErrorCodes.FileNotPresent],
        },
        new("b2_hide_file", Route("b2_hide_file"), Files,
            "Hide a file from listings and downloads, keeping its data",
            "Make a file name disappear from listings and downloads by name without deleting any data: adds a hide marker as its newest version. Delete the marker to bring the file back; lifecycle rules may delete hidden versions later.")
        {
            Handler = HideFile.HandleAsync,
            Destructive = true,
            Grants = [Capabilities.WriteFiles],
            Parameters = [B2Param.Str("bucketId", "The bucket.", required: true), B2Param.Str("fileName", "The name to hide.", required: true)],
            Responses = [VersionedResponse.All(B2JsonContext.Default.FileVersionResponse)],
            Errors = [B2ErrorCodes.BadBucketId, B2ErrorCodes.NoSuchFile, B2ErrorCodes.AlreadyHidden],
        },
        new("b2_delete_file_version", Route("b2_delete_file_version"), Files,
            "Delete a file version permanently",
            "Permanently delete one version of a file (or a hide marker, which un-hides the file). Deleting the newest version makes the previous one current. Locked versions refuse unless governance mode is bypassed with bypassGovernance.")
        {
            Handler = DeleteFileVersion.HandleAsync,
            Destructive = true,
            Grants = [Capabilities.DeleteFiles],
            Parameters =
            [
                B2Param.Str("fileName", "The version's file name.", required: true),
                B2Param.Str("fileId", "The version's id.", required: true),
                B2Param.Bool("bypassGovernance", "Delete despite governance-mode retention (needs bypassGovernance)."),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.DeleteFileVersionResponse)],
            Errors = [B2ErrorCodes.FileNotPresent, B2ErrorCodes.AccessDenied],
        },
        new("b2_update_file_retention", Route("b2_update_file_retention"), Files,
            "Set or change a file version's Object Lock retention",
            "Protect a version from deletion until a date (governance or compliance mode), extend it, or — governance with bypassGovernance — shorten or remove it.")
        {
            Handler = UpdateFileRetention.HandleAsync,
            Destructive = true,
            Grants = [Capabilities.WriteFileRetentions],
            Parameters =
            [
                B2Param.Str("fileName", "The version's file name.", required: true),
                B2Param.Str("fileId", "The version's id.", required: true),
                FileRetentionParam,
                B2Param.Bool("bypassGovernance", "Allow shortening or removing governance-mode retention."),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.UpdateFileRetentionResponse)],
            Errors = [B2ErrorCodes.FileNotPresent, B2ErrorCodes.AccessDenied, B2ErrorCodes.BucketMissingFileLock, B2ErrorCodes.FileLockConflict],
        },
        new("b2_update_file_legal_hold", Route("b2_update_file_legal_hold"), Files,
            "Put a legal hold on a file version or release it",
            "A legal hold keeps a version from being deleted until it is turned off again, independent of retention.")
        {
            Handler = UpdateFileLegalHold.HandleAsync,
            Grants = [Capabilities.WriteFileLegalHolds],
            Parameters =
            [
                B2Param.Str("fileName", "The version's file name.", required: true),
                B2Param.Str("fileId", "The version's id.", required: true),
                new("legalHold", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("on", "off") }, true, "on or off."),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.UpdateFileLegalHoldResponse)],
            Errors = [B2ErrorCodes.FileNotPresent, B2ErrorCodes.AccessDenied, B2ErrorCodes.BucketMissingFileLock, B2ErrorCodes.FileLockConflict],
        },
        new("b2_copy_file", Route("b2_copy_file"), Files,
            "Copy or rename a file on the server",
            "Make a copy of a file version under a new name, in the same or another bucket, without downloading and uploading the bytes (up to 5 GB, or a byte range). To rename, copy then delete the original.")
        {
            Handler = CopyFile.HandleAsync,
            Grants = [Capabilities.WriteFiles],
            AlsoRequires = [Capabilities.ReadFiles],
            Parameters =
            [
                B2Param.Str("sourceFileId", "The version to copy.", required: true),
                B2Param.Str("fileName", "The new file's name.", required: true),
                B2Param.Str("destinationBucketId", "Copy into this bucket; default the source's bucket."),
                B2Param.Str("range", "Copy only these bytes, as an HTTP range: bytes=0-999."),
                new("metadataDirective", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("COPY", "REPLACE") }, false,
                    "COPY keeps the content type and file info; REPLACE takes contentType and fileInfo from this request."),
                B2Param.Str("contentType", "With REPLACE: the new content type."),
                B2Param.Map("fileInfo", "With REPLACE: the new file info."),
                FileRetentionParam,
                B2Param.Str("legalHold", "on or off."),
                EncryptionParam("sourceServerSideEncryption", "SSE-C source: {mode: SSE-C, algorithm: AES256, customerKey, customerKeyMd5}."),
                EncryptionParam("destinationServerSideEncryption", "Encryption of the copy: {mode: SSE-B2, algorithm: AES256} or an SSE-C key; default the bucket's."),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.FileVersionResponse)],
            Errors = [B2ErrorCodes.BadBucketId, B2ErrorCodes.NotFound, B2ErrorCodes.FileNotPresent, B2ErrorCodes.SourceTooLarge,
                B2ErrorCodes.RangeNotSatisfiable, B2ErrorCodes.StorageCapExceeded, B2ErrorCodes.BucketMissingFileLock, B2ErrorCodes.AccessDenied],
            Example = new JsonObject { ["sourceFileId"] = "4_z4a48fe8875c6214145260818_f1000000000000001_d20240101_m000000_c000_v0001000_t0001", ["fileName"] = "reports/2024-copy.pdf" },
        },
    ];
}
