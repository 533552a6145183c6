namespace Cairn.Core.Auth;

/// <summary>
/// What a download authorization token (b2_get_download_authorization) allows: downloads by name in one bucket of
/// names starting with <see cref="FileNamePrefix"/>, carrying exactly the <see cref="BoundOverrides"/> it was made with
/// (response header name → value, e.g. <c>Content-Disposition</c>).
/// </summary>
public sealed record DownloadAuthorization(Principal Issuer, string BucketId, string FileNamePrefix, IReadOnlyDictionary<string, string> BoundOverrides);
