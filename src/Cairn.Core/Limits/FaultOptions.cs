namespace Cairn.Core.Limits;

/// <summary>
/// Fault injection for people testing their B2 integrations (configuration section <c>Cairn:Faults</c>). The same three
/// faults a client can ask for with B2's <c>X-Bz-Test-Mode</c> header can be switched on for every request, so a client
/// that cannot send the header is still exercised. All off by default.
/// </summary>
public sealed class FaultOptions
{
    public const string Section = "Cairn:Faults";

    /// <summary>Uploads (b2_upload_file, b2_upload_part) answer 503 <c>service_unavailable</c>.</summary>
    public FaultTrigger FailSomeUploads { get; set; } = new();

    /// <summary>Calls other than b2_authorize_account answer 401 <c>expired_auth_token</c>.</summary>
    public FaultTrigger ExpireSomeAccountAuthorizationTokens { get; set; } = new();

    /// <summary>Calls answer 403 <c>storage_cap_exceeded</c> (uploads), <c>download_cap_exceeded</c> (downloads) or <c>transaction_cap_exceeded</c>.</summary>
    public FaultTrigger ForceCapExceeded { get; set; } = new();

    /// <summary>
    /// The fraction of eligible requests that fail when a request asks for <c>fail_some_uploads</c> or
    /// <c>expire_some_account_authorization_tokens</c> in <c>X-Bz-Test-Mode</c>. Default 0.25: B2 documents "some",
    /// and a quarter makes clients retry often while each call still succeeds within a few tries.
    /// <c>force_cap_exceeded</c> always fires.
    /// </summary>
    public double TestModeProbability { get; set; } = 0.25;
}
