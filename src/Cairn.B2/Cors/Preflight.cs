using Cairn.Core.Buckets;
using Cairn.Core.Ids;

namespace Cairn.B2.Cors;

/// <summary>Browser preflights (<c>OPTIONS</c>) for downloads and uploads; each finds the bucket its URL names.</summary>
public static class Preflight
{
    public static async Task DownloadByNameAsync(HttpContext http)
    {
        var name = http.Request.RouteValues["bucketName"] as string ?? "";
        var bucket = await http.RequestServices.GetRequiredService<BucketService>().FindByNameAsync(name, http.RequestAborted);
        await B2Cors.PreflightAsync(http, bucket, B2Cors.DownloadByName, "GET, HEAD");
    }

    public static async Task DownloadByIdAsync(HttpContext http)
    {
        var fileId = http.Request.Query["fileId"].ToString();
        var bucket = IdFormats.IsFileId(fileId)
            ? await http.RequestServices.GetRequiredService<BucketService>().FindAsync(IdFormats.BucketIdOf(fileId), http.RequestAborted)
            : null;
        await B2Cors.PreflightAsync(http, bucket, B2Cors.DownloadById, "GET, HEAD, POST");
    }

    public static async Task UploadFileAsync(HttpContext http)
    {
        var bucketId = http.Request.RouteValues["bucketId"] as string ?? "";
        var bucket = await http.RequestServices.GetRequiredService<BucketService>().FindAsync(bucketId, http.RequestAborted);
        await B2Cors.PreflightAsync(http, bucket, B2Cors.UploadFile, "POST");
    }
}
