using System.ComponentModel;
using Cairn.Core;
using Cairn.Core.Files;
using Cairn.Core.Keys;
using Cairn.Core.LargeFiles;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Cairn.Mcp.Tools;

/// <summary>
/// Large files in parts, without leaving MCP: start, a pre-authorized URL per upload thread (the part bytes go there
/// over HTTP, never through the conversation), list what arrived, finish or cancel.
/// </summary>
[McpServerToolType]
public sealed class LargeFileTools(McpCaller caller, LargeFileService largeFiles, ITransferLinks links, ObjectServiceOptions service, McpOptions options)
{
    [McpServerTool(Name = "start_large_file", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Start uploading a big file (a database dump, a disk image, a video) in parts. Answers its fileId and the part sizes. Next: get_upload_part_url, POST the parts, finish_large_file.")]
    [NeedsCapability(Capabilities.WriteFiles)]
    public async Task<CallToolResult> StartLargeFile(
        [Description("The bucket's id.")] string bucketId,
        [Description("The file's full name, e.g. 'dumps/2024-06-01.sql.gz'.")] string fileName,
        [Description("The MIME type; default: guessed from the name.")] string contentType = "b2/x-auto",
        CancellationToken cancellationToken = default)
    {
        var started = await largeFiles.StartLargeFileAsync(caller.Principal, new StartLargeFileCommand { BucketId = bucketId, FileName = fileName, ContentType = contentType },
            cancellationToken);
        return ToolResults.Ok(new
        {
            started.FileId,
            started.FileName,
            started.BucketId,
            started.ContentType,
            recommendedPartSize = service.RecommendedPartSize,
            absoluteMinimumPartSize = service.AbsoluteMinimumPartSize,
            minimumPartCount = LargeFileLimits.MinPartCount,
            next = "get_upload_part_url {fileId}, POST each part there, then finish_large_file {fileId, partSha1Array}.",
        }, options);
    }

    [McpServerTool(Name = "get_upload_part_url", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("A pre-authorized URL and token for uploading parts of a large file (one per upload thread). POST each part there with headers Authorization: <authorizationToken>, X-Bz-Part-Number: <1, 2, …>, Content-Length and X-Bz-Content-Sha1: <the part's SHA-1 hex>. Every part but the last must be at least the minimum part size.")]
    [NeedsCapability(Capabilities.WriteFiles)]
    public async Task<CallToolResult> GetUploadPartUrl(
        [Description("The large file's fileId, from start_large_file.")] string fileId,
        CancellationToken cancellationToken = default)
    {
        var token = await largeFiles.GetUploadPartTokenAsync(caller.Principal, fileId, cancellationToken);
        var url = links.UploadPartUrl(fileId);
        return ToolResults.Ok(new
        {
            fileId,
            uploadUrl = url,
            authorizationToken = token,
            example = $"curl -X POST '{url}' -H 'Authorization: <authorizationToken>' -H 'X-Bz-Part-Number: 1' -H 'X-Bz-Content-Sha1: <sha1>' --data-binary @part1",
        }, options);
    }

    [McpServerTool(Name = "list_parts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("The parts of an unfinished large file that arrived so far (number, size, SHA-1), to check before finishing or to resume an interrupted upload.")]
    [NeedsCapability(Capabilities.ListFiles)]
    public async Task<CallToolResult> ListParts(
        [Description("The large file's fileId.")] string fileId,
        [Description("Parts per page, 1-200; default 100.")] int limit = 100,
        [Description("nextPartNumber from the previous page, to continue.")] int? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var page = await largeFiles.ListPartsAsync(caller.Principal, fileId, cursor, Math.Clamp(limit, 1, options.MaxListCount), cancellationToken);
        return ToolResults.Ok(new
        {
            parts = page.Parts.Select(p => new { p.PartNumber, size = p.ContentLength, p.ContentSha1 }),
            nextCursor = page.NextPartNumber,
        }, options);
    }

    [McpServerTool(Name = "finish_large_file", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Finish a large file: its parts, in order, become one file. Give the SHA-1 of every part in part-number order; the server checks them against what arrived.")]
    [NeedsCapability(Capabilities.WriteFiles)]
    public async Task<CallToolResult> FinishLargeFile(
        [Description("The large file's fileId.")] string fileId,
        [Description("The SHA-1 (hex) of part 1, part 2, … in order.")] IReadOnlyList<string> partSha1Array,
        CancellationToken cancellationToken = default)
    {
        var finished = await largeFiles.FinishLargeFileAsync(caller.Principal, fileId, partSha1Array, cancellationToken);
        return ToolResults.Ok(FileView.Of(finished, caller.Principal), options);
    }

    [McpServerTool(Name = "cancel_large_file", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Abandon an unfinished large file: its uploaded parts are deleted and the file never appears. Needs confirm: true, sent only after the user agreed.")]
    [NeedsCapability(Capabilities.WriteFiles)]
    public async Task<CallToolResult> CancelLargeFile(
        [Description("The large file's fileId.")] string fileId,
        [Description("true only after the user confirmed; without it nothing is deleted.")] bool confirm = false,
        CancellationToken cancellationToken = default)
    {
        if (!confirm)
        {
            return ToolResults.NeedsConfirmation($"This deletes the uploaded parts of large file {fileId}; the file will never appear.");
        }
        var cancelled = await largeFiles.CancelLargeFileAsync(caller.Principal, fileId, cancellationToken);
        return ToolResults.Ok(new { cancelled = cancelled.FileName, cancelled.FileId }, options);
    }
}
