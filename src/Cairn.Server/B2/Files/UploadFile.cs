using Cairn.Core.Buckets;
using Cairn.Core.Files;
using Cairn.Server.B2.Cors;
using Cairn.Server.B2.Encryption;
using Cairn.Server.B2.FileLock;
using Cairn.Server.B2.Wire;

namespace Cairn.Server.B2.Files;

/// <summary>b2_upload_file: POST the body to the URL from b2_get_upload_url with its upload token.</summary>
public static class UploadFile
{
    public static async Task HandleAsync(HttpContext http)
    {
        var version = B2Call.VersionOf(http);
        var bucketId = (string)http.Request.RouteValues["bucketId"]!;
        var headers = http.Request.Headers;
        var token = headers.Authorization.ToString();
        var uploads = http.RequestServices.GetRequiredService<UploadService>();
        using var upload = await uploads.OpenTokenUploadAsync(token, bucketId, http.RequestAborted);
        UploadHeaders.RefuseUnsupported(headers);
        var command = new UploadFileCommand
        {
            BucketId = bucketId,
            FileName = B2PercentEncoding.Decode(UploadHeaders.Required(headers, UploadHeaders.FileName), UploadHeaders.FileName),
            ContentType = UploadHeaders.Required(headers, "Content-Type"),
            DeclaredLength = UploadHeaders.RequiredContentLength(http.Request),
            Sha1 = B2ContentSha1.Parse(headers[UploadHeaders.ContentSha1].ToString()),
            FileInfo = UploadHeaders.FileInfo(headers),
            CustomUploadTimestamp = UploadHeaders.OptionalLong(headers, UploadHeaders.CustomUploadTimestamp),
            Lock = LockParser.FromHeaders(headers),
            Encryption = SseWire.FromUploadHeaders(headers),
        };
        var stored = await upload.UploadFileAsync(command, http.Request.Body, http.RequestAborted);
        if (http.Request.Headers.Origin.Count > 0 && await http.RequestServices.GetRequiredService<BucketService>().FindAsync(bucketId, http.RequestAborted) is { } bucket)
        {
            B2Cors.Apply(http, bucket, B2Cors.UploadFile);
        }
        await B2Results.WriteJsonAsync(http, B2Mapper.ToResponse(stored, version, upload.Principal), B2JsonContext.Default.FileVersionResponse);
    }
}
