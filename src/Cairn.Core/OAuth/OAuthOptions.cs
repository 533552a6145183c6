namespace Cairn.Core.OAuth;

/// <summary>Agent sign-in lifetimes (configuration section <c>Cairn:OAuth</c>).</summary>
public sealed class OAuthOptions
{
    public const string Section = "Cairn:OAuth";

    /// <summary>How long an access token works. Default 1 hour: the client refreshes, and every refresh re-checks the grant and the key.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an authorization code may wait to be traded. Default 60 seconds (OAuth 2.1 recommends short).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest expiry a person may give a grant on the consent page. Default 90 days.</summary>
    public TimeSpan MaxGrantLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Most redirect URIs one client may register. Default 10.</summary>
    public int MaxRedirectUris { get; set; } = 10;

    /// <summary>
    /// Most clients registered at once (registration needs no sign-in, so anyone can register). Default 1000; past it,
    /// registration answers temporarily_unavailable until unused registrations are removed.
    /// </summary>
    public int MaxRegisteredClients { get; set; } = 1000;

    /// <summary>How long a registered client that no grant names is kept. Default 1 day: enough to finish signing in.</summary>
    public TimeSpan UnusedClientLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How often spent and expired codes, tokens, grants and unused registrations are deleted, checked whenever agent
    /// sign-in issues something. Default 10 minutes.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}
