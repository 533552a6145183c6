namespace Cairn.Core.Files;

/// <summary>What <see cref="BlobIngest"/> wrote and computed.</summary>
/// <param name="Length">Content bytes (excluding trailing hex digits).</param>
/// <param name="Sha1">Lower-case hex SHA-1 computed by the server.</param>
/// <param name="Md5">Lower-case hex MD5 computed by the server.</param>
/// <param name="Verified">False for <see cref="Sha1Mode.DoNotVerify"/>.</param>
public sealed record IngestResult(long Length, string Sha1, string Md5, bool Verified)
{
    /// <summary>The contentSha1 B2 reports: the hex, or <c>unverified:&lt;hex&gt;</c>.</summary>
    public string ReportedSha1 => Verified ? Sha1 : "unverified:" + Sha1;
}
