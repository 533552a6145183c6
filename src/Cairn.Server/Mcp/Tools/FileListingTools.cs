using System.ComponentModel;
using System.Text;
using Cairn.Core.Files;
using Cairn.Core.Keys;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Cairn.Server.Mcp.Tools;

/// <summary>Listing files: one page at a time, capped, with an opaque cursor for the next page.</summary>
[McpServerToolType]
public sealed class FileListingTools(McpCaller caller, ListingService listing, McpOptions options)
{
    [McpServerTool(Name = "list_files", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("List files in a bucket, optionally under a prefix (e.g. 'photos/2024/') and folder by folder with delimiter '/'. Answers one page and a nextCursor when there is more. With allVersions, lists every version including hidden ones.")]
    [NeedsCapability(Capabilities.ListFiles)]
    public async Task<CallToolResult> ListFiles(
        [Description("The bucket's id, from list_buckets.")] string bucketId,
        [Description("Only names starting with this, e.g. 'reports/2024/'.")] string? prefix = null,
        [Description("Folder separator, usually '/': names below the next '/' are folded into one folder entry.")] string? delimiter = null,
        [Description("nextCursor from the previous page, to continue.")] string? cursor = null,
        [Description("Entries per page, 1-200; default 50.")] int limit = 50,
        [Description("true lists every version of each name (newest first), including hide markers; default false lists current files only.")] bool allVersions = false,
        CancellationToken cancellationToken = default)
    {
        var (startName, startId) = Decode(cursor);
        var query = new ListFilesQuery
        {
            BucketId = bucketId,
            Prefix = prefix,
            Delimiter = delimiter,
            StartFileName = startName,
            StartFileId = allVersions ? startId : null,
            MaxFileCount = Math.Clamp(limit, 1, options.MaxListCount),
        };
        var page = allVersions
            ? await listing.ListFileVersionsAsync(caller.Principal, query, cancellationToken)
            : await listing.ListFileNamesAsync(caller.Principal, query, cancellationToken);
        var files = page.Entries.Where(e => e.Version is not null).Select(e => e.Version!).Select(v => new
        {
            v.FileName,
            v.FileId,
            action = FileView.ActionName(v.Action),
            size = v.ContentLength,
            v.ContentType,
            v.UploadTimestamp,
        });
        var folders = page.Entries.Where(e => e.Version is null).Select(e => e.FolderName);
        return ToolResults.Ok(new { files, folders, nextCursor = Encode(page.NextFileName, page.NextFileId) }, options);
    }

    private static string? Encode(string? name, string? id) =>
        name is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(name + "\n" + id));

    private static (string? Name, string? Id) Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return (null, null);
        }
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
        }
        catch (FormatException)
        {
            throw Core.Errors.Fail.Invalid("cursor", "pass nextCursor from the previous page unchanged");
        }
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? (text, null) : (text[..newline], text[(newline + 1)..] is { Length: > 0 } id ? id : null);
    }
}
