namespace Cairn.Core.Auth;

/// <summary>
/// Who asks for a download: an account token's <see cref="Principal"/>, a <see cref="DownloadAuthorization"/>, or
/// nobody (no token; enough for public buckets).
/// </summary>
public sealed record DownloadCaller(Principal? Account, DownloadAuthorization? Grant)
{
    public static DownloadCaller Anonymous { get; } = new(null, null);
}
