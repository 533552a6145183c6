namespace Cairn.Core.OAuth;

/// <summary>The parameters of an authorization request (RFC 6749 §4.1.1 with PKCE and a resource indicator), as sent.</summary>
public sealed record AuthorizationRequest
{
    public string? ResponseType { get; init; }

    public string? ClientId { get; init; }

    public string? RedirectUri { get; init; }

    public string? CodeChallenge { get; init; }

    public string? CodeChallengeMethod { get; init; }

    /// <summary>RFC 8707's <c>resource</c>; absent means Cairn's MCP endpoint, the only resource there is.</summary>
    public string? Resource { get; init; }

    /// <summary>The space-separated scope the client asked for; shown to the person, who decides.</summary>
    public string? Scope { get; init; }

    public string? State { get; init; }
}
