using Cairn.Core.Ids;
using Cairn.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Cairn.Server.B2.Links;

/// <summary>The one place B2's byte addresses are written: upload and part URLs and downloads by name.</summary>
public static class B2Urls
{
    /// <summary>The base URL clients should use for API calls and downloads: configured, or this request's origin.</summary>
    public static string BaseUrl(HttpContext http)
    {
        var configured = http.RequestServices.GetRequiredService<IOptions<CairnServerOptions>>().Value.PublicUrl;
        return string.IsNullOrEmpty(configured)
            ? $"{http.Request.Scheme}://{http.Request.Host.Value}"
            : configured.TrimEnd('/');
    }

    /// <summary>A distinct upload URL for one bucket (the slot keeps two URLs of one bucket apart).</summary>
    public static string UploadFile(string baseUrl, int apiVersion, string bucketId) =>
        $"{baseUrl}/b2api/v{apiVersion}/b2_upload_file/{bucketId}/c{IdGenerator.Cluster}_{IdGenerator.RandomHex(12)}";

    /// <summary>A distinct part upload URL for one large file.</summary>
    public static string UploadPart(string baseUrl, int apiVersion, string fileId) =>
        $"{baseUrl}/b2api/v{apiVersion}/b2_upload_part/{fileId}/{IdGenerator.RandomHex(4)}";

    /// <summary>b2_download_file_by_name's address, each path segment percent-encoded, with a token in the query.</summary>
    public static string DownloadByName(string baseUrl, string bucketName, string fileName, string downloadAuthorizationToken) =>
        $"{baseUrl}/file/{Uri.EscapeDataString(bucketName)}/{string.Join('/', fileName.Split('/').Select(Uri.EscapeDataString))}" +
        $"?Authorization={Uri.EscapeDataString(downloadAuthorizationToken)}";
}
