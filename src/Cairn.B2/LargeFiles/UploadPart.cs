using System.Globalization;
using Cairn.B2.Encryption;
using Cairn.B2.Files;
using Cairn.B2.Wire;
using Cairn.Core.Errors;
using Cairn.Core.LargeFiles;

namespace Cairn.B2.LargeFiles;

/// <summary>b2_upload_part: POST one part's bytes to a URL from b2_get_upload_part_url with its token.</summary>
public static class UploadPart
{
    public const string PartNumber = "X-Bz-Part-Number";

    public static async Task HandleAsync(HttpContext http)
    {
        var fileId = (string)http.Request.RouteValues["fileId"]!;
        var headers = http.Request.Headers;
        var token = headers.Authorization.ToString();
        var largeFiles = http.RequestServices.GetRequiredService<LargeFileService>();
        using var upload = await largeFiles.OpenTokenPartUploadAsync(token, fileId, http.RequestAborted);
        UploadHeaders.RefuseUnsupported(headers);
        var partNumberText = UploadHeaders.Required(headers, PartNumber);
        if (!int.TryParse(partNumberText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var partNumber))
        {
            throw Fail.BadRequest($"Invalid {PartNumber}: {partNumberText}");
        }
        var part = await upload.UploadPartAsync(
            partNumber,
            UploadHeaders.RequiredContentLength(http.Request),
            B2ContentSha1.Parse(headers[UploadHeaders.ContentSha1].ToString()),
            SseWire.FromUploadHeaders(headers),
            http.Request.Body,
            http.RequestAborted);
        await B2Results.WriteJsonAsync(http, B2Mapper.ToResponse(part), B2JsonContext.Default.PartResponse);
    }
}
