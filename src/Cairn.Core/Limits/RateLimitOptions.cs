namespace Cairn.Core.Limits;

/// <summary>Request rate limits (configuration section <c>Cairn:RateLimit</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Cairn:RateLimit";

    /// <summary>
    /// Requests per second the account may make; more are answered 429 <c>too_many_requests</c> with
    /// <c>Retry-After</c>. Default 0, off: a self-hosted server should not throttle its only account unless asked
    /// (a 10,000/s default capped small downloads in the benchmark). Set 500 to behave like B2's default for uploads
    /// and downloads, e.g. when testing a client's 429 handling.
    /// </summary>
    public int RequestsPerSecond { get; set; }

    /// <summary>Requests that may arrive at once above the steady rate. Default 0: the same as <see cref="RequestsPerSecond"/>.</summary>
    public int Burst { get; set; }

    /// <summary>
    /// Failed b2_authorize_account attempts from one address before further attempts from it are refused with 429
    /// (even with the right key) for a while that doubles with each further failure. Default 10. 0 turns it off.
    /// </summary>
    public int AuthorizeFailuresBeforeDelay { get; set; } = 10;

    /// <summary>The longest an address is made to wait after failed authorizations. Default 60 seconds.</summary>
    public int MaxAuthorizeDelaySeconds { get; set; } = 60;
}
