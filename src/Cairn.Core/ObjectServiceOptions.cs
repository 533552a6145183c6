namespace Cairn.Core;

/// <summary>
/// Limits and lifetimes of the object service. Defaults are B2's; every value is configurable so that tests and
/// self-hosters can tune them (section <c>Cairn</c> of the configuration).
/// </summary>
public sealed class ObjectServiceOptions
{
    /// <summary>Advertised by b2_authorize_account. Default 100,000,000 bytes, as B2. Clients use it as their part size.</summary>
    public long RecommendedPartSize { get; set; } = 100_000_000;

    /// <summary>Smallest allowed part except the last. Default 5,000,000 bytes, as B2.</summary>
    public long AbsoluteMinimumPartSize { get; set; } = 5_000_000;

    /// <summary>Largest small upload or part. Default 5,000,000,000 bytes (5 GB), as B2.</summary>
    public long MaxUploadSize { get; set; } = 5_000_000_000;

    /// <summary>How long an account authorization token lasts. Default 24 hours, as B2.</summary>
    public TimeSpan AuthTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long an upload URL's token lasts. Default 24 hours, as B2.</summary>
    public TimeSpan UploadTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long an agent token (b2_create_agent_token, for the MCP endpoint) lasts when the request names no lifetime.
    /// Default one hour: an agent session is short, and a token that leaks from a conversation should die soon. A
    /// request may ask for up to <see cref="AuthTokenLifetime"/>.
    /// </summary>
    public TimeSpan AgentTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Buckets per account. Default 100, B2's default limit.</summary>
    public int MaxBucketsPerAccount { get; set; } = 100;

    /// <summary>
    /// Also refuse names B2's older documentation refused (leading or trailing <c>/</c>, <c>//</c>, <c>\</c>,
    /// segments over 250 bytes). Default false: only control characters, DEL and length are refused, as the
    /// newest documentation says.
    /// </summary>
    public bool StrictFileNames { get; set; }
}
