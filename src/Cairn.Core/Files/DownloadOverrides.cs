namespace Cairn.Core.Files;

/// <summary>
/// The response headers a download may override per request (B2's <c>b2Content*</c> query parameters). A download
/// authorization token can bind values for them; downloads using it must then ask for exactly those values.
/// </summary>
public static class DownloadOverrides
{
    public const string ContentDisposition = "Content-Disposition";
    public const string ContentLanguage = "Content-Language";
    public const string Expires = "Expires";
    public const string CacheControl = "Cache-Control";
    public const string ContentEncoding = "Content-Encoding";
    public const string ContentType = "Content-Type";

    public static IReadOnlyList<string> All { get; } = [ContentDisposition, ContentLanguage, Expires, CacheControl, ContentEncoding, ContentType];
}
