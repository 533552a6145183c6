using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cairn.Core.Auth;
using Cairn.Core.Errors;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Core.Storage;

namespace Cairn.Core.OAuth;

/// <summary>
/// Agent sign-in: the rules of MCP's OAuth 2.1 authorization — client registration, authorization with PKCE S256 and a
/// resource indicator, single-use short-lived codes, short-lived access tokens bound to the MCP endpoint, rotating
/// refresh tokens whose reuse ends the grant, revocation. A grant never carries more than the key that approved it,
/// and every access token is checked against its grant and its key on each use, so revoking the grant or deleting
/// the key ends its tokens at once.
/// </summary>
public sealed class OAuthService
{
    /// <summary>The signed-token kind of access tokens (see <see cref="SignedToken"/>).</summary>
    public const char AccessTokenKind = 'm';

    private const string CodePrefix = "cairn_ac_";
    private const string RefreshPrefix = "cairn_rt_";
    private const int MaxClientNameLength = 200;
    private const long MinGrantSeconds = 60;

    private readonly IMetadataStore _store;
    private readonly AuthService _auth;
    private readonly OAuthOptions _options;
    private readonly TimeProvider _time;

    public OAuthService(IMetadataStore store, AuthService auth, OAuthOptions options, TimeProvider time)
    {
        _store = store;
        _auth = auth;
        _options = options;
        _time = time;
    }

    private long _nextSweepAt;

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>True when <paramref name="token"/> has the shape of an access token this service issues.</summary>
    public static bool IsAccessToken(string? token) => token is { Length: > 2 } && token[0] == AccessTokenKind && token[1] == '_';

    // ---- registration (RFC 7591) -----------------------------------------------------------------------

    /// <summary>Registers a public client with its exact redirect URIs.</summary>
    public async Task<OAuthClient> RegisterClientAsync(string? clientName, IReadOnlyList<string>? redirectUris, CancellationToken cancellationToken)
    {
        if (redirectUris is null || redirectUris.Count == 0)
        {
            throw new OAuthException(OAuthError.InvalidRedirectUri, "redirect_uris must list at least one redirect URI");
        }
        if (redirectUris.Count > _options.MaxRedirectUris)
        {
            throw new OAuthException(OAuthError.InvalidRedirectUri, $"at most {_options.MaxRedirectUris} redirect URIs");
        }
        if (redirectUris.FirstOrDefault(u => !RedirectUriRules.IsAcceptable(u)) is { } bad)
        {
            throw new OAuthException(OAuthError.InvalidRedirectUri, $"redirect URI not acceptable (https, http to a loopback address, or an app's own scheme; no fragment): {bad}");
        }
        var name = string.IsNullOrWhiteSpace(clientName) ? "Unnamed MCP client" : clientName.Trim();
        if (name.Length > MaxClientNameLength || name.Any(char.IsControl))
        {
            throw new OAuthException(OAuthError.InvalidClientMetadata, $"client_name must be at most {MaxClientNameLength} characters without control characters");
        }
        await SweepIfDueAsync(cancellationToken);
        if (await _store.CountOAuthClientsAsync(cancellationToken) >= _options.MaxRegisteredClients)
        {
            await SweepAsync(cancellationToken);
            if (await _store.CountOAuthClientsAsync(cancellationToken) >= _options.MaxRegisteredClients)
            {
                throw new OAuthException(OAuthError.TooManyClients,
                    $"the server holds the most client registrations it allows ({_options.MaxRegisteredClients}); registrations no sign-in used are removed {(long)_options.UnusedClientLifetime.TotalMinutes} minutes after registering, so try again later");
            }
        }
        var client = new OAuthClient
        {
            ClientId = "cairn-client-" + IdGenerator.RandomHex(24),
            ClientName = name,
            RedirectUris = redirectUris.Distinct(StringComparer.Ordinal).ToList(),
            CreatedAt = NowMs,
        };
        await _store.InsertOAuthClientAsync(client, cancellationToken);
        return client;
    }

    // ---- authorization --------------------------------------------------------------------------------

    /// <summary>
    /// Checks an authorization request for <paramref name="resource"/> (Cairn's MCP endpoint URL). The client and the
    /// redirect URI are checked first: when either fails (<see cref="OAuthError.InvalidClient"/>,
    /// <see cref="OAuthError.InvalidRedirectUri"/>) the error must be shown to the person, never sent to the URI.
    /// Every other failure may be sent to the (now trusted) redirect URI.
    /// </summary>
    public async Task<ValidAuthorization> ValidateAsync(AuthorizationRequest request, string resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = string.IsNullOrEmpty(request.ClientId) ? null : await _store.GetOAuthClientAsync(request.ClientId, cancellationToken);
        if (client is null)
        {
            throw new OAuthException(OAuthError.InvalidClient, "unknown client_id: register the client first");
        }
        if (!RedirectUriRules.IsRegistered(client, request.RedirectUri))
        {
            throw new OAuthException(OAuthError.InvalidRedirectUri, "redirect_uri is not exactly one the client registered");
        }
        if (request.ResponseType != "code")
        {
            throw new OAuthException(OAuthError.UnsupportedResponseType, "response_type must be code");
        }
        if (string.IsNullOrEmpty(request.CodeChallenge))
        {
            throw new OAuthException(OAuthError.InvalidRequest, "code_challenge is required (PKCE with S256)");
        }
        if (request.CodeChallengeMethod != Pkce.S256)
        {
            throw new OAuthException(OAuthError.InvalidRequest, "code_challenge_method must be S256");
        }
        if (!Pkce.IsWellFormedChallenge(request.CodeChallenge))
        {
            throw new OAuthException(OAuthError.InvalidRequest, "code_challenge must be the base64url SHA-256 of the verifier (43 characters)");
        }
        if (request.Resource is { } asked && !SameResource(asked, resource))
        {
            throw new OAuthException(OAuthError.InvalidTarget, $"resource must be {resource}");
        }
        var scope = (request.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ValidAuthorization(client, request.RedirectUri!, request.CodeChallenge, resource, scope);
    }

    /// <summary>
    /// The person approved, signed in as <paramref name="principal"/>: stores the grant, narrowed as they chose and never
    /// wider than their key, and returns the authorization code for the client.
    /// </summary>
    public async Task<IssuedCode> ApproveAsync(Principal principal, ValidAuthorization authorization, GrantNarrowing narrowing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(narrowing);
        var capabilities = narrowing.Capabilities.Distinct(StringComparer.Ordinal).ToList();
        if (capabilities.Count == 0)
        {
            throw new OAuthException(OAuthError.InvalidScope, "choose at least one capability");
        }
        if (capabilities.FirstOrDefault(c => !Capabilities.IsKnown(c) || !principal.Has(c)) is { } missing)
        {
            throw new OAuthException(OAuthError.InvalidScope, $"the application key cannot give {missing}");
        }
        var bucketIds = narrowing.BucketIds is { Count: > 0 } chosen ? chosen.Distinct(StringComparer.Ordinal).ToList() : principal.Key.BucketIds;
        var namePrefix = string.IsNullOrEmpty(narrowing.NamePrefix) ? principal.Key.NamePrefix : narrowing.NamePrefix;
        if (!principal.Contains(bucketIds, namePrefix))
        {
            throw new OAuthException(OAuthError.InvalidScope, "the buckets and name prefix must lie inside the application key's own");
        }
        foreach (var bucketId in narrowing.BucketIds ?? [])
        {
            if (await _store.GetBucketAsync(bucketId, cancellationToken) is not { } bucket || bucket.AccountId != principal.AccountId)
            {
                throw new OAuthException(OAuthError.InvalidScope, $"no such bucket: {bucketId}");
            }
        }
        var maxSeconds = (long)_options.MaxGrantLifetime.TotalSeconds;
        if (narrowing.ValidForSeconds < MinGrantSeconds || narrowing.ValidForSeconds > maxSeconds)
        {
            throw new OAuthException(OAuthError.InvalidRequest, $"the expiry must be between {MinGrantSeconds} and {maxSeconds} seconds");
        }
        var now = NowMs;
        var expires = now + narrowing.ValidForSeconds * 1000;
        if (principal.Key.ExpirationTimestamp is { } keyExpires && keyExpires < expires)
        {
            expires = keyExpires;
        }
        var grant = new AgentGrant
        {
            GrantId = "grant_" + IdGenerator.RandomHex(24),
            AccountId = principal.AccountId,
            ApplicationKeyId = principal.Key.ApplicationKeyId,
            ClientId = authorization.Client.ClientId,
            ClientName = authorization.Client.ClientName,
            Capabilities = capabilities,
            BucketIds = bucketIds,
            NamePrefix = namePrefix,
            Resource = authorization.Resource,
            RedirectUri = authorization.RedirectUri,
            CodeChallenge = authorization.CodeChallenge,
            CreatedAt = now,
            ExpiresAt = expires,
        };
        await _store.InsertAgentGrantAsync(grant, cancellationToken);
        var code = NewSecret(CodePrefix);
        await _store.InsertGrantCredentialAsync(new GrantCredential
        {
            Hash = Hash(code),
            Kind = GrantCredentialKind.AuthorizationCode,
            GrantId = grant.GrantId,
            ExpiresAt = Math.Min(expires, now + (long)_options.AuthorizationCodeLifetime.TotalMilliseconds),
        }, cancellationToken);
        return new IssuedCode(grant, code);
    }

    // ---- tokens ---------------------------------------------------------------------------------------

    /// <summary>
    /// The authorization code grant: the code once, by the client it was issued to, with the same redirect URI and the
    /// PKCE verifier. A second use of a code ends its grant (OAuth 2.1 §4.1.3), revoking what the first use got.
    /// </summary>
    public async Task<IssuedTokens> ExchangeCodeAsync(string? clientId, string? code, string? redirectUri, string? codeVerifier, string? resource, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(redirectUri))
        {
            throw new OAuthException(OAuthError.InvalidRequest, "code, client_id and redirect_uri are required");
        }
        if (string.IsNullOrEmpty(codeVerifier))
        {
            throw new OAuthException(OAuthError.InvalidRequest, "code_verifier is required (PKCE)");
        }
        var grant = await UseAsync(code, GrantCredentialKind.AuthorizationCode, "authorization code", cancellationToken);
        if (grant.ClientId != clientId)
        {
            throw new OAuthException(OAuthError.InvalidGrant, "the code was issued to another client");
        }
        if (grant.RedirectUri != redirectUri)
        {
            throw new OAuthException(OAuthError.InvalidGrant, "redirect_uri differs from the authorization request's");
        }
        if (!Pkce.Verifies(codeVerifier, grant.CodeChallenge))
        {
            throw new OAuthException(OAuthError.InvalidGrant, "code_verifier does not match the code_challenge");
        }
        return await IssueAsync(grant, resource, cancellationToken);
    }

    /// <summary>
    /// The refresh token grant with rotation: each refresh token works once and is replaced; presenting one that was
    /// already used means it leaked, so the whole grant (every token of the family) is revoked.
    /// </summary>
    public async Task<IssuedTokens> RefreshAsync(string? clientId, string? refreshToken, string? resource, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(refreshToken) || string.IsNullOrEmpty(clientId))
        {
            throw new OAuthException(OAuthError.InvalidRequest, "refresh_token and client_id are required");
        }
        var grant = await UseAsync(refreshToken, GrantCredentialKind.RefreshToken, "refresh token", cancellationToken);
        if (grant.ClientId != clientId)
        {
            throw new OAuthException(OAuthError.InvalidGrant, "the refresh token was issued to another client");
        }
        return await IssueAsync(grant, resource, cancellationToken);
    }

    /// <summary>
    /// Revocation (RFC 7009): an access or refresh token of a grant ends the whole grant. Unknown tokens, and tokens of
    /// another client, change nothing and are not reported (the answer must not tell which tokens exist).
    /// </summary>
    public async Task RevokeAsync(string? token, string? clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new OAuthException(OAuthError.InvalidRequest, "token is required");
        }
        string? grantId = null;
        if (IsAccessToken(token))
        {
            grantId = _auth.Signer.Read(AccessTokenKind, token) is { Length: 4 } fields ? fields[0] : null;
        }
        else if (token.StartsWith(RefreshPrefix, StringComparison.Ordinal) || token.StartsWith(CodePrefix, StringComparison.Ordinal))
        {
            grantId = (await _store.UseGrantCredentialAsync(Hash(token), NowMs, cancellationToken))?.GrantId;
        }
        if (grantId is not null && await _store.GetAgentGrantAsync(grantId, cancellationToken) is { } grant
            && (clientId is null || grant.ClientId == clientId))
        {
            await _store.DeleteAgentGrantAsync(grantId, cancellationToken);
        }
    }

    /// <summary>
    /// Verifies an access token presented to <paramref name="resource"/> and returns the agent's principal: the key
    /// narrowed to the grant. Failures are <see cref="CairnError.BadAuthToken"/> or <see cref="CairnError.ExpiredAuthToken"/>.
    /// </summary>
    public async Task<Principal> AuthenticateAsync(string token, string resource, CancellationToken cancellationToken)
    {
        if (_auth.Signer.Read(AccessTokenKind, token) is not { Length: 4 } fields)
        {
            throw new CairnException(CairnError.BadAuthToken, "Invalid access token");
        }
        if (!SameResource(fields[1], resource))
        {
            throw new CairnException(CairnError.BadAuthToken, "The access token was issued for another resource");
        }
        if (!long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || expires <= NowMs)
        {
            throw new CairnException(CairnError.ExpiredAuthToken, "The access token has expired: refresh it");
        }
        var grant = await _store.GetAgentGrantAsync(fields[0], cancellationToken);
        if (grant is null)
        {
            throw new CairnException(CairnError.BadAuthToken, "The access token was revoked");
        }
        var principal = await _auth.PrincipalFromAsync(grant.ApplicationKeyId, fields[2], cancellationToken);
        return Narrow(principal, grant);
    }

    // ---- grants ---------------------------------------------------------------------------------------

    /// <summary>
    /// The grants <paramref name="principal"/> may see: those its own key approved, and — with <c>listKeys</c> — those
    /// of other live keys whose scope lies inside its own (as b2_list_keys shows keys).
    /// </summary>
    public async Task<IReadOnlyList<AgentGrant>> ListGrantsAsync(Principal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var now = NowMs;
        var visible = new List<AgentGrant>();
        foreach (var grant in await _store.ListAgentGrantsAsync(principal.AccountId, cancellationToken))
        {
            if (grant.ExpiresAt > now && MayManage(principal, grant, Capabilities.ListKeys)
                && await _store.GetKeyAsync(grant.ApplicationKeyId, cancellationToken) is not null)
            {
                visible.Add(grant);
            }
        }
        return visible;
    }

    /// <summary>Revokes a grant its own key approved, or — with <c>deleteKeys</c> — one inside the caller's scope.</summary>
    public async Task<AgentGrant> RevokeGrantAsync(Principal principal, string? grantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (string.IsNullOrEmpty(grantId))
        {
            throw Fail.Required("grantId");
        }
        var grant = await _store.GetAgentGrantAsync(grantId, cancellationToken);
        if (grant is null || grant.AccountId != principal.AccountId)
        {
            throw Fail.BadRequest($"no such agent grant: {grantId}");
        }
        if (!MayManage(principal, grant, Capabilities.DeleteKeys))
        {
            throw Fail.Unauthorized("not authorized: the grant was approved by another key, and revoking it needs deleteKeys over its scope");
        }
        await _store.DeleteAgentGrantAsync(grantId, cancellationToken);
        return grant;
    }

    private static bool MayManage(Principal principal, AgentGrant grant, string capability) =>
        grant.ApplicationKeyId == principal.Key.ApplicationKeyId
        || principal.Has(capability) && principal.Contains(grant.BucketIds, grant.NamePrefix);

    // ---- internals ------------------------------------------------------------------------------------

    /// <summary>The key as the grant narrows it: only capabilities both have, buckets and prefix inside both.</summary>
    private static Principal Narrow(Principal principal, AgentGrant grant)
    {
        var key = principal.Key;
        var bucketIds = (grant.BucketIds, key.BucketIds) switch
        {
            (null, var own) => own,
            (var chosen, null) => chosen,
            (var chosen, var own) => chosen.Where(own.Contains).ToList(),
        };
        var namePrefix = key.NamePrefix is { } keyPrefix && (grant.NamePrefix is null || !grant.NamePrefix.StartsWith(keyPrefix, StringComparison.Ordinal))
            ? keyPrefix
            : grant.NamePrefix;
        return new Principal(key with
        {
            Capabilities = grant.Capabilities.Where(principal.Has).ToList(),
            BucketIds = bucketIds,
            NamePrefix = namePrefix,
            ExpirationTimestamp = key.ExpirationTimestamp is { } keyExpires ? Math.Min(keyExpires, grant.ExpiresAt) : grant.ExpiresAt,
            IsMaster = false,
        });
    }

    /// <summary>Uses a code or refresh token once and returns its live grant; a reuse revokes the grant.</summary>
    private async Task<AgentGrant> UseAsync(string value, GrantCredentialKind kind, string what, CancellationToken cancellationToken)
    {
        var now = NowMs;
        var credential = await _store.UseGrantCredentialAsync(Hash(value), now, cancellationToken);
        if (credential is null || credential.Kind != kind)
        {
            throw new OAuthException(OAuthError.InvalidGrant, $"unknown {what}");
        }
        if (credential.UsedAt is not null)
        {
            await _store.DeleteAgentGrantAsync(credential.GrantId, cancellationToken);
            throw new OAuthException(OAuthError.InvalidGrant, $"the {what} was already used: every token of its grant is revoked");
        }
        if (credential.ExpiresAt <= now)
        {
            throw new OAuthException(OAuthError.InvalidGrant, $"the {what} has expired");
        }
        var grant = await _store.GetAgentGrantAsync(credential.GrantId, cancellationToken);
        if (grant is null || grant.ExpiresAt <= now)
        {
            throw new OAuthException(OAuthError.InvalidGrant, "the grant was revoked or has expired");
        }
        return grant;
    }

    /// <summary>
    /// Deletes spent and expired codes and refresh tokens, expired grants, and registrations no grant names that are
    /// older than <see cref="OAuthOptions.UnusedClientLifetime"/>. A used refresh token stays until it expires, so a
    /// replay is still recognised (and ends its grant) for as long as it could matter.
    /// </summary>
    public Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = NowMs;
        return _store.DeleteExpiredOAuthAsync(now, now - (long)_options.UnusedClientLifetime.TotalMilliseconds, cancellationToken);
    }

    /// <summary>Sweeps when <see cref="OAuthOptions.SweepInterval"/> has passed since the last sweep of this process.</summary>
    private async Task SweepIfDueAsync(CancellationToken cancellationToken)
    {
        var now = NowMs;
        var due = Interlocked.Read(ref _nextSweepAt);
        if (now < due || Interlocked.CompareExchange(ref _nextSweepAt, now + (long)_options.SweepInterval.TotalMilliseconds, due) != due)
        {
            return;
        }
        await SweepAsync(cancellationToken);
    }

    private async Task<IssuedTokens> IssueAsync(AgentGrant grant, string? resource, CancellationToken cancellationToken)
    {
        await SweepIfDueAsync(cancellationToken);
        if (resource is not null && !SameResource(resource, grant.Resource))
        {
            throw new OAuthException(OAuthError.InvalidTarget, $"resource must be {grant.Resource}");
        }
        Principal principal;
        try
        {
            principal = Narrow(await _auth.PrincipalFromAsync(grant.ApplicationKeyId, long.MaxValue.ToString(CultureInfo.InvariantCulture), cancellationToken), grant);
        }
        catch (CairnException e) when (e.Error is CairnError.BadAuthToken or CairnError.ExpiredAuthToken)
        {
            throw new OAuthException(OAuthError.InvalidGrant, "the application key behind the grant was deleted or has expired");
        }
        var now = NowMs;
        var expires = Math.Min(now + (long)_options.AccessTokenLifetime.TotalMilliseconds, principal.Key.ExpirationTimestamp ?? long.MaxValue);
        var access = _auth.Signer.Create(AccessTokenKind, grant.GrantId, grant.Resource, expires.ToString(CultureInfo.InvariantCulture), IdGenerator.RandomHex(8));
        var refresh = NewSecret(RefreshPrefix);
        await _store.InsertGrantCredentialAsync(new GrantCredential
        {
            Hash = Hash(refresh),
            Kind = GrantCredentialKind.RefreshToken,
            GrantId = grant.GrantId,
            ExpiresAt = grant.ExpiresAt,
        }, cancellationToken);
        return new IssuedTokens(access, Math.Max(1, (expires - now) / 1000), refresh, principal.Key.Capabilities);
    }

    /// <summary>Resource URIs compare exactly, except for a trailing slash (RFC 8707 leaves that to the server).</summary>
    private static bool SameResource(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);

    private static string NewSecret(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
