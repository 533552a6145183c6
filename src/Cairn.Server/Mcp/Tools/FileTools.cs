using System.ComponentModel;
using Cairn.Core.Files;
using Cairn.Core.Keys;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Cairn.Server.Mcp.Tools;

/// <summary>One file: details, hide, delete a version, copy.</summary>
[McpServerToolType]
public sealed class FileTools(McpCaller caller, FileService files, CopyService copies, McpOptions options)
{
    [McpServerTool(Name = "get_file_info", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Get a file version's details without downloading it: name, size, content type, SHA-1, upload time and file info (metadata).")]
    [NeedsCapability(Capabilities.ReadFiles)]
    public async Task<CallToolResult> GetFileInfo(
        [Description("The version's fileId, from list_files.")] string fileId,
        CancellationToken cancellationToken = default)
    {
        var version = await files.GetFileInfoAsync(caller.Principal, fileId, cancellationToken);
        return ToolResults.Ok(FileView.Of(version, caller.Principal), options);
    }

    [McpServerTool(Name = "hide_file", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Hide a file: it disappears from listings and downloads by name, but its versions are kept (undo by deleting the hide marker). Needs confirm: true, sent only after the user agreed.")]
    [NeedsCapability(Capabilities.WriteFiles)]
    public async Task<CallToolResult> HideFile(
        [Description("The bucket's id.")] string bucketId,
        [Description("The file's full name, e.g. 'reports/2024/q1.pdf'.")] string fileName,
        [Description("true only after the user confirmed; without it nothing is hidden.")] bool confirm = false,
        CancellationToken cancellationToken = default)
    {
        if (!confirm)
        {
            return ToolResults.NeedsConfirmation($"This hides '{fileName}' from listings and downloads.");
        }
        var marker = await files.HideFileAsync(caller.Principal, bucketId, fileName, cancellationToken);
        return ToolResults.Ok(new { hidden = marker.FileName, hideMarkerFileId = marker.FileId }, options);
    }

    [McpServerTool(Name = "delete_file_version", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Permanently delete one version of a file (its data is gone). Deleting a hide marker un-hides the file. Needs confirm: true, sent only after the user agreed.")]
    [NeedsCapability(Capabilities.DeleteFiles)]
    public async Task<CallToolResult> DeleteFileVersion(
        [Description("The version's fileId, from list_files.")] string fileId,
        [Description("The version's file name.")] string fileName,
        [Description("true only after the user confirmed; without it nothing is deleted.")] bool confirm = false,
        CancellationToken cancellationToken = default)
    {
        if (!confirm)
        {
            return ToolResults.NeedsConfirmation($"This permanently deletes version {fileId} of '{fileName}'.");
        }
        var deleted = await files.DeleteFileVersionAsync(caller.Principal, fileId, fileName, bypassGovernance: false, cancellationToken);
        return ToolResults.Ok(new { deleted = new { deleted.FileId, deleted.FileName } }, options);
    }

    [McpServerTool(Name = "copy_file", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Copy a file version to a new name, in the same or another bucket, on the server (no download). To rename: copy, then delete the original.")]
    [NeedsCapability(Capabilities.ReadFiles, Capabilities.WriteFiles)]
    public async Task<CallToolResult> CopyFile(
        [Description("The fileId of the version to copy.")] string sourceFileId,
        [Description("The copy's name.")] string fileName,
        [Description("The bucket to copy into; default the source's bucket.")] string? destinationBucketId = null,
        CancellationToken cancellationToken = default)
    {
        var copy = await copies.CopyFileAsync(caller.Principal, new CopyFileCommand
        {
            SourceFileId = sourceFileId,
            FileName = fileName,
            DestinationBucketId = destinationBucketId,
        }, cancellationToken);
        return ToolResults.Ok(new { copy.FileName, copy.FileId, copy.BucketId, size = copy.ContentLength }, options);
    }
}
