namespace Cairn.Core.Files;

/// <summary>
/// Where a client sends bytes and fetches them over HTTP, written by the protocol that serves those addresses, so
/// that a protocol without a byte path of its own (MCP) hands out addresses without knowing another protocol's URLs.
/// </summary>
public interface ITransferLinks
{
    /// <summary>An upload address for one file in <paramref name="bucketId"/>, used with a token from <see cref="UploadService.GetUploadUrlTokenAsync"/>.</summary>
    string UploadUrl(string bucketId);

    /// <summary>An address for uploading parts of one unfinished large file, used with a token from <see cref="LargeFiles.LargeFileService.GetUploadPartTokenAsync"/>.</summary>
    string UploadPartUrl(string fileId);

    /// <summary>A download address of the newest version of a name, carrying a download authorization token.</summary>
    string DownloadUrl(string bucketName, string fileName, string downloadAuthorizationToken);
}
