using Cairn.B2.Cors;
using Cairn.B2.Downloads;
using Cairn.B2.Wire;
using Cairn.Core.Keys;

namespace Cairn.B2.OpenApi;

public static partial class B2Operations
{
    private static IEnumerable<B2Param> OverrideParams =>
    [
        B2Param.Str("b2ContentDisposition", "Answer with this Content-Disposition, e.g. attachment; filename=\"report.pdf\"."),
        B2Param.Str("b2ContentLanguage", "Answer with this Content-Language."),
        B2Param.Str("b2Expires", "Answer with this Expires."),
        B2Param.Str("b2CacheControl", "Answer with this Cache-Control."),
        B2Param.Str("b2ContentEncoding", "Answer with this Content-Encoding."),
        B2Param.Str("b2ContentType", "Answer with this Content-Type."),
    ];

    private static IEnumerable<(string, string, bool)> DownloadHeaders =>
    [
        ("Range", "Only these bytes, e.g. bytes=0-1023.", false),
        ("Authorization", "An account token or download authorization token (or the Authorization query parameter); none for public buckets.", false),
        .. CustomerKeyHeaders,
    ];

    private static string[] DownloadErrors =>
    [
        B2ErrorCodes.BadRequest, B2ErrorCodes.Unauthorized, B2ErrorCodes.BadAuthToken, B2ErrorCodes.ExpiredAuthToken,
        B2ErrorCodes.NotFound, B2ErrorCodes.RangeNotSatisfiable, B2ErrorCodes.DownloadCapExceeded, B2ErrorCodes.TransactionCapExceeded,
        B2ErrorCodes.AccessDenied, B2ErrorCodes.RequestTimeout, B2ErrorCodes.TooManyRequests, B2ErrorCodes.InternalError, B2ErrorCodes.ServiceUnavailable,
    ];

    private static IEnumerable<B2Operation> DownloadOperations =>
    [
        new("b2_get_download_authorization", Route("b2_get_download_authorization"), Downloads,
            "Share private files: make a time-limited download link token",
            "Get a download authorization token that lets anyone holding it download files whose names start with a prefix from a private bucket, for a limited time (1 second to 7 days). Append it as ?Authorization=… to a /file/ URL to share a link.")
        {
            Handler = GetDownloadAuthorization.HandleAsync,
            Grants = [Capabilities.ShareFiles],
            Parameters =
            [
                B2Param.Str("bucketId", "The bucket.", required: true),
                B2Param.Str("fileNamePrefix", "Downloads of names starting with this are allowed.", required: true),
                B2Param.Int("validDurationInSeconds", "How long the token works, 1 to 604800 seconds.", required: true, minimum: 1, maximum: 604800),
                .. OverrideParams,
            ],
            Responses = [VersionedResponse.All(B2JsonContext.Default.GetDownloadAuthorizationResponse)],
            Errors = [B2ErrorCodes.BadBucketId],
        },
        new("b2_download_file_by_id", Route("b2_download_file_by_id"), Downloads,
            "Download a file version by its id",
            "Fetch the bytes of one exact file version, whole or a byte range (Range header). HEAD answers the headers only. The file's details arrive as x-bz-* headers.")
        {
            Handler = DownloadFileById.HandleAsync,
            Kind = OperationKind.Download,
            Methods = ["GET", "HEAD", "POST"],
            Grants = [Capabilities.ReadFiles],
            Parameters = [B2Param.Str("fileId", "The version's id.", required: true), .. OverrideParams],
            Headers = [.. DownloadHeaders],
            Errors = DownloadErrors,
        },
        new("b2_download_file_by_id", Route("b2_download_file_by_id"), Downloads,
            "Browser preflight for downloads by id", "Answers a browser's CORS preflight from the bucket's CORS rules.")
        {
            Handler = Preflight.DownloadByIdAsync,
            Kind = OperationKind.Preflight, Methods = ["OPTIONS"],
            Errors = [B2ErrorCodes.AccessDenied],
        },
        new("b2_download_file_by_name", "/file/{bucketName}/{**fileName}", Downloads,
            "Download a file by bucket and name",
            "Fetch the current version of a file by its name, e.g. GET /file/family-photos/2024/beach.jpg — whole or a byte range. Public buckets need no token; private ones take an account token or a download authorization token in the Authorization header or query parameter. fileName may contain '/'. Hidden files answer 404.")
        {
            Handler = DownloadFileByName.HandleAsync,
            Kind = OperationKind.Download,
            Methods = ["GET", "HEAD"],
            Grants = [Capabilities.ReadFiles],
            Parameters = [B2Param.Str("Authorization", "A download authorization token, instead of the header."), .. OverrideParams],
            Headers = [.. DownloadHeaders],
            Errors = DownloadErrors,
        },
        new("b2_download_file_by_name", "/file/{bucketName}/{**fileName}", Downloads,
            "Browser preflight for downloads by name", "Answers a browser's CORS preflight from the bucket's CORS rules.")
        {
            Handler = Preflight.DownloadByNameAsync,
            Kind = OperationKind.Preflight, Methods = ["OPTIONS"],
            Errors = [B2ErrorCodes.AccessDenied],
        },
    ];
}
