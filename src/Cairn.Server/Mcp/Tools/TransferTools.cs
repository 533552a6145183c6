using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using Cairn.Core.Auth;
using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Keys;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Cairn.Server.Mcp.Tools;

/// <summary>
/// Moving bytes: small content inline (text or base64), larger content through a pre-authorized URL the agent's
/// HTTP client (or the person) uses directly, so big files never pass through the model's context.
/// </summary>
[McpServerToolType]
public sealed class TransferTools(McpCaller caller, UploadService uploads, DownloadService downloads, ITransferLinks links, McpOptions options)
{
    [McpServerTool(Name = "upload_file", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Store small content as a file (a note, a config, a report), given inline as text or base64. Uploading an existing name adds a new version. For content over the inline limit use get_upload_url.")]
    [NeedsCapability(Capabilities.WriteFiles)]
    public async Task<CallToolResult> UploadFile(
        [Description("The bucket's id, from list_buckets.")] string bucketId,
        [Description("The file's full name, e.g. 'notes/2024-06-01.md'. '/' makes folders.")] string fileName,
        [Description("The content: text as is, or base64 when encoding is 'base64'.")] string content,
        [Description("'text' (UTF-8; the default) or 'base64' for binary content.")] string encoding = "text",
        [Description("The MIME type, e.g. 'text/markdown'; default: guessed from the name.")] string contentType = "b2/x-auto",
        CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        try
        {
            bytes = encoding switch
            {
                "text" => Encoding.UTF8.GetBytes(content),
                "base64" => Convert.FromBase64String(content),
                _ => throw Fail.Invalid("encoding", "use 'text' or 'base64'"),
            };
        }
        catch (FormatException)
        {
            throw Fail.Invalid("content", "not valid base64");
        }
        if (bytes.Length > options.MaxInlineBytes)
        {
            throw Fail.BadRequest($"content is {bytes.Length} bytes; inline uploads take at most {options.MaxInlineBytes}. Use get_upload_url and upload over HTTP.");
        }
        var command = new UploadFileCommand
        {
            BucketId = bucketId,
            FileName = fileName,
            ContentType = contentType,
            DeclaredLength = bytes.Length,
            Sha1 = ContentSha1.Given(Convert.ToHexStringLower(SHA1.HashData(bytes))),
        };
        using var body = new MemoryStream(bytes, writable: false);
        var version = await uploads.UploadFileAsync(caller.Principal, command, body, cancellationToken);
        return ToolResults.Ok(new { version.FileName, version.FileId, version.BucketId, size = version.ContentLength, version.ContentType, version.ContentSha1 }, options);
    }

    [McpServerTool(Name = "get_upload_url", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("For content too large to pass inline: a pre-authorized upload URL and token. POST the bytes there with headers Authorization: <authorizationToken>, X-Bz-File-Name: <percent-encoded name>, Content-Type, Content-Length and X-Bz-Content-Sha1: <sha1 hex>.")]
    [NeedsCapability(Capabilities.WriteFiles)]
    public async Task<CallToolResult> GetUploadUrl(
        [Description("The bucket's id.")] string bucketId,
        CancellationToken cancellationToken = default)
    {
        var token = await uploads.GetUploadUrlTokenAsync(caller.Principal, bucketId, cancellationToken);
        var url = links.UploadUrl(bucketId);
        return ToolResults.Ok(new
        {
            uploadUrl = url,
            authorizationToken = token,
            example = $"curl -X POST '{url}' -H 'Authorization: <authorizationToken>' -H 'X-Bz-File-Name: <name>' -H 'Content-Type: b2/x-auto' -H 'X-Bz-Content-Sha1: <sha1>' --data-binary @file",
        }, options);
    }

    [McpServerTool(Name = "download_file", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Read a file by bucket name and file name. Small files come back inline (text, or base64 for binary); larger ones as a short-lived download URL (which needs the shareFiles capability).")]
    [NeedsCapability(Capabilities.ReadFiles)]
    public async Task<CallToolResult> DownloadFile(
        [Description("The bucket's name (not its id).")] string bucketName,
        [Description("The file's full name, e.g. 'reports/2024/q1.csv'.")] string fileName,
        CancellationToken cancellationToken = default)
    {
        var download = await downloads.ByNameAsync(new DownloadCaller(caller.Principal, null), bucketName, fileName, new Dictionary<string, string>(), cancellationToken);
        var version = download.Version;
        if (version.ContentLength > options.MaxInlineBytes)
        {
            var token = await downloads.AuthorizeDownloadAsync(caller.Principal, download.Bucket.BucketId, fileName, options.DownloadUrlSeconds,
                new Dictionary<string, string>(), cancellationToken);
            return ToolResults.Ok(new
            {
                version.FileName,
                version.FileId,
                size = version.ContentLength,
                version.ContentType,
                downloadUrl = links.DownloadUrl(bucketName, fileName, token),
                expiresInSeconds = options.DownloadUrlSeconds,
                note = $"The file is larger than the inline limit ({options.MaxInlineBytes} bytes); fetch it from downloadUrl.",
            }, options);
        }
        // Core checks the SSE-C key (an agent sends none: such a file is refused) before it charges the download cap.
        var readable = downloads.Open(download, caller.Principal, new DownloadRequest());
        using var buffer = new MemoryStream();
        await readable.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var text = AsText(version.ContentType, bytes);
        return ToolResults.Ok(new
        {
            version.FileName,
            version.FileId,
            size = version.ContentLength,
            version.ContentType,
            encoding = text is null ? "base64" : "text",
            content = text ?? Convert.ToBase64String(bytes),
        }, options);
    }

    [McpServerTool(Name = "get_download_url", ReadOnly = true, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Share a file: a download URL that works without credentials for a limited time (default 15 minutes), for a person or another program.")]
    [NeedsCapability(Capabilities.ShareFiles)]
    public async Task<CallToolResult> GetDownloadUrl(
        [Description("The bucket's id.")] string bucketId,
        [Description("The bucket's name.")] string bucketName,
        [Description("The file's full name.")] string fileName,
        [Description("How long the URL works, in seconds (1 to 604800); default 900.")] long? validDurationInSeconds = null,
        CancellationToken cancellationToken = default)
    {
        var seconds = validDurationInSeconds ?? options.DownloadUrlSeconds;
        var token = await downloads.AuthorizeDownloadAsync(caller.Principal, bucketId, fileName, seconds, new Dictionary<string, string>(), cancellationToken);
        return ToolResults.Ok(new { downloadUrl = links.DownloadUrl(bucketName, fileName, token), expiresInSeconds = seconds }, options);
    }

    /// <summary>Text when the type says text and the bytes are valid UTF-8; otherwise null (send base64).</summary>
    private static string? AsText(string contentType, byte[] bytes)
    {
        var textual = contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase);
        if (!textual || !System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }
        return Encoding.UTF8.GetString(bytes);
    }
}
