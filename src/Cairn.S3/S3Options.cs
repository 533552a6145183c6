namespace Cairn.S3;

/// <summary>Section <c>Cairn:S3</c>.</summary>
public sealed class S3Options
{
    public const string Section = "Cairn:S3";

    /// <summary>
    /// The region signatures must name in their credential scope. Default <c>us-east-1</c>, what every S3 client
    /// assumes when it is told none.
    /// </summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>
    /// How far a request's <c>X-Amz-Date</c> may be from the server's clock. Default 15 minutes, as S3 allows.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The host name S3 answers on in virtual-host style: a request to <c>{bucket}.{HostName}</c> addresses that bucket
    /// (its path is the key), as clients send when told <c>addressing_style=virtual</c>. Default empty: path style only,
    /// since virtual-host style needs a wildcard DNS name (<c>*.s3.example.com</c>) pointing at Cairn. Path-style requests
    /// are answered either way.
    /// </summary>
    public string HostName { get; set; } = "";
}
