using Cairn.B2.Files;
using Cairn.B2.LargeFiles;
using Cairn.B2.Wire;
using Cairn.Core.Keys;

namespace Cairn.B2.OpenApi;

public static partial class B2Operations
{
    private static IEnumerable<B2Operation> LargeFileOperations =>
    [
        new("b2_start_large_file", Route("b2_start_large_file"), LargeFiles,
            "Start uploading a large file in parts",
            "Begin a multi-part upload of a big file (a disk image, a video, a database dump): answers the new file's id. Then get part URLs, upload parts of at least the minimum part size, and finish with the list of part SHA-1s.")
        {
            Handler = StartLargeFile.HandleAsync,
            Grants = [Capabilities.WriteFiles],
            Parameters =
            [
                B2Param.Str("bucketId", "The bucket to upload into.", required: true),
                B2Param.Str("fileName", "The file's name.", required: true),
                B2Param.Str("contentType", "The MIME type, or b2/x-auto.", required: true),
                B2Param.Map("fileInfo", "File info (your metadata); large_file_sha1 is customary."),
                B2Param.Int("customUploadTimestamp", "Upload time to record, milliseconds."),
                FileRetentionParam,
                B2Param.Str("legalHold", "on or off."),
                EncryptionParam("serverSideEncryption", "{mode: SSE-B2, algorithm: AES256}, or SSE-C with customerKey and customerKeyMd5; default the bucket's."),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.FileVersionResponse)],
            Errors = [B2ErrorCodes.BadBucketId, B2ErrorCodes.StorageCapExceeded, B2ErrorCodes.BucketMissingFileLock, B2ErrorCodes.FileLockConflict],
        },
        new("b2_get_upload_part_url", Route("b2_get_upload_part_url"), LargeFiles,
            "Get a URL and token for uploading parts of a large file",
            "Each upload thread of a large file needs its own part URL and token from here.")
        {
            Handler = GetUploadPartUrl.HandleAsync,
            Grants = [Capabilities.WriteFiles],
            Parameters = [B2Param.Str("fileId", "The large file's id, from b2_start_large_file.", required: true)],
            Responses = [VersionedResponse.All(B2JsonContext.Default.GetUploadPartUrlResponse)],
            Errors = [B2ErrorCodes.FileNotPresent, B2ErrorCodes.StorageCapExceeded],
        },
        new("b2_upload_part", Route("b2_upload_part/{fileId}/{slot?}"), LargeFiles,
            "Upload one part of a large file",
            "POST the bytes of part N (1–10000) to the uploadUrl from b2_get_upload_part_url, with its token in Authorization, X-Bz-Part-Number and X-Bz-Content-Sha1. Do not build this URL yourself: it is server-provided.")
        {
            Handler = UploadPart.HandleAsync,
            Kind = OperationKind.Upload,
            Methods = ["POST"],
            Grants = [Capabilities.WriteFiles],
            Headers =
            [
                ("X-Bz-Part-Number", "The part's number, 1 to 10000.", true),
                ("Content-Length", "Bytes in the part (plus 40 when the SHA-1 trails the content).", true),
                ("X-Bz-Content-Sha1", "SHA-1 of the part in hex, or hex_digits_at_end.", true),
                .. CustomerKeyHeaders,
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.PartResponse)],
            Errors = [B2ErrorCodes.FileNotPresent, B2ErrorCodes.AuthTokenLimit, B2ErrorCodes.StorageCapExceeded, B2ErrorCodes.CapExceeded],
        },
        new("b2_list_parts", Route("b2_list_parts"), LargeFiles,
            "List the parts uploaded so far for a large file",
            "See which parts of an unfinished large file arrived, to resume an interrupted upload.")
        {
            Handler = ListParts.HandleAsync,
            Grants = [Capabilities.ListFiles],
            Parameters =
            [
                B2Param.Str("fileId", "The large file's id.", required: true),
                B2Param.Int("startPartNumber", "Continue from here: nextPartNumber of the previous page. 0 or absent: from part 1.", minimum: 0, maximum: 10000),
                B2Param.Int("maxPartCount", "Parts per page, 1 to 1000; default 100.", minimum: 1, maximum: 1000),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.ListPartsResponse)],
            Errors = [B2ErrorCodes.FileNotPresent],
        },
        new("b2_finish_large_file", Route("b2_finish_large_file"), LargeFiles,
            "Finish a large file upload",
            "Turn the uploaded parts into one file, given every part's SHA-1 in order. No bytes are copied.")
        {
            Handler = FinishLargeFile.HandleAsync,
            Grants = [Capabilities.WriteFiles],
            Parameters =
            [
                B2Param.Str("fileId", "The large file's id.", required: true),
                B2Param.Strings("partSha1Array", "The SHA-1 of part 1, 2, … in order; a large file has at least 2 parts.", required: true),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.FileVersionResponse)],
            Errors = [B2ErrorCodes.FileNotPresent, B2ErrorCodes.MissingPart, B2ErrorCodes.PartSha1Mismatch, B2ErrorCodes.StorageCapExceeded],
        },
        new("b2_cancel_large_file", Route("b2_cancel_large_file"), LargeFiles,
            "Cancel an unfinished large file upload",
            "Abandon a large file: its parts are deleted and the file never appears.")
        {
            Handler = CancelLargeFile.HandleAsync,
            Destructive = true,
            Grants = [Capabilities.WriteFiles],
            Parameters = [B2Param.Str("fileId", "The large file's id.", required: true)],
            Responses = [VersionedResponse.All(B2JsonContext.Default.CancelLargeFileResponse)],
            Errors = [B2ErrorCodes.FileNotPresent],
        },
        new("b2_list_unfinished_large_files", Route("b2_list_unfinished_large_files"), LargeFiles,
            "List unfinished large file uploads",
            "Find large files that were started but neither finished nor cancelled, to resume or cancel them.")
        {
            Handler = ListUnfinishedLargeFiles.HandleAsync,
            Grants = [Capabilities.ListFiles],
            Parameters =
            [
                B2Param.Str("bucketId", "The bucket.", required: true),
                B2Param.Str("namePrefix", "Only names starting with this."),
                B2Param.Str("startFileId", "Continue from here: nextFileId of the previous page."),
                B2Param.Int("maxFileCount", "Files per page, 1 to 100; default 100.", minimum: 1, maximum: 100),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.ListUnfinishedLargeFilesResponse)],
            Errors = [B2ErrorCodes.BadBucketId],
        },
        new("b2_copy_part", Route("b2_copy_part"), LargeFiles,
            "Copy a range of an existing file into a large file as one part",
            "Build a large file on the server from pieces of existing files, without downloading them.")
        {
            Handler = CopyPart.HandleAsync,
            Grants = [Capabilities.WriteFiles],
            AlsoRequires = [Capabilities.ReadFiles],
            Parameters =
            [
                B2Param.Str("sourceFileId", "The version to copy from.", required: true),
                B2Param.Str("largeFileId", "The unfinished large file.", required: true),
                B2Param.Int("partNumber", "The part's number, 1 to 10000.", required: true, minimum: 1, maximum: 10000),
                B2Param.Str("range", "Copy only these bytes: bytes=0-999."),
                EncryptionParam("sourceServerSideEncryption", "SSE-C source: {mode: SSE-C, algorithm: AES256, customerKey, customerKeyMd5}."),
                EncryptionParam("destinationServerSideEncryption", "The large file's SSE-C key, when it is SSE-C."),
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.PartResponse)],
            Errors = [B2ErrorCodes.NotFound, B2ErrorCodes.FileNotPresent, B2ErrorCodes.SourceTooLarge, B2ErrorCodes.RangeNotSatisfiable, B2ErrorCodes.StorageCapExceeded, B2ErrorCodes.AccessDenied],
        },
    ];
}
