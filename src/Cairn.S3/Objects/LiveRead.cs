using Microsoft.AspNetCore.Http;

namespace Cairn.S3.Objects;

/// <summary>
/// Backblaze's Live Read (<c>x-backblaze-live-read-enabled: true</c> on CreateMultipartUpload, GetObject and
/// HeadObject: reading a multipart upload while it is written) is a private preview that B2 opens per account. Cairn's
/// object service has nothing like it, so a request that asks for it is refused with 501 NotImplemented, as for any
/// feature this endpoint does not offer, rather than silently answering without it.
/// </summary>
public static class LiveRead
{
    public const string EnabledHeader = "x-backblaze-live-read-enabled";

    public static void Refuse(HttpRequest request)
    {
        if (string.Equals(request.Headers[EnabledHeader].ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw S3Exception.NotImplemented("Live Read (x-backblaze-live-read-enabled)");
        }
    }
}
