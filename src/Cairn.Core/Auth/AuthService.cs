using System.Collections.Concurrent;
using System.Globalization;
using Cairn.Core.Errors;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Core.Limits;
using Cairn.Core.Storage;

namespace Cairn.Core.Auth;

/// <summary>
/// Turns credentials into tokens and tokens back into a <see cref="Principal"/>. Tokens are signed, not stored;
/// each use looks its key up again (through a short cache), so deleting or expiring a key ends its tokens.
/// </summary>
public sealed class AuthService
{
    private const char AccountKind = '4';
    private const char UploadKind = 'u';
    private const char PartKind = 'p';
    private const char DownloadKind = 'd';
    private const char AgentKind = 'a';
    private static readonly TimeSpan KeyCacheLifetime = TimeSpan.FromSeconds(5);

    private readonly IMetadataStore _store;
    private readonly ObjectServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly AuthorizeThrottle _throttle;
    private readonly ConcurrentDictionary<string, (ApplicationKey? Key, long LoadedAt)> _keys = new(StringComparer.Ordinal);
    private SignedToken? _signer;
    private byte[]? _secretRoot;

    public AuthService(IMetadataStore store, ObjectServiceOptions options, TimeProvider time, AuthorizeThrottle throttle)
    {
        _store = store;
        _options = options;
        _time = time;
        _throttle = throttle;
    }

    internal SignedToken Signer => _signer ?? throw new InvalidOperationException("AuthService is not initialized");

    /// <summary>Loads (or creates, on the first start) the token-signing secret shared by every node.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var secret = await _store.GetOrAddSettingAsync("token-signing-key", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), cancellationToken);
        _signer = new SignedToken(Convert.FromBase64String(secret));
        _secretRoot = System.Security.Cryptography.HMACSHA256.HashData(Convert.FromBase64String(secret), "application-key-secret"u8);
    }

    /// <summary>
    /// The secret of a new application key, derived from its id under the server's secret (<c>K</c>, the cluster and
    /// 27 base62 characters, as random-looking as B2's). Only its hash is stored, as for every key; deriving it lets
    /// the server recompute it for protocols that sign with the secret itself (S3's SigV4).
    /// </summary>
    public string NewKeySecret(string applicationKeyId) => ApplicationKeySecrets.Derive(SecretRoot, applicationKeyId);

    /// <summary>
    /// The key and secret an S3 SigV4 signature was made with, for the key id the request names. Unknown ids, the
    /// master key (which B2's S3 API refuses) and keys created before secrets were derived fail with
    /// <see cref="CairnError.BadAuthToken"/>; an expired key with <see cref="CairnError.ExpiredAuthToken"/>.
    /// </summary>
    public async Task<(Principal Principal, string Secret)> GetSigningKeyAsync(string applicationKeyId, CancellationToken cancellationToken)
    {
        var now = NowMs;
        var key = await GetKeyAsync(applicationKeyId, now, cancellationToken);
        if (key is null || key.IsMaster)
        {
            throw new CairnException(CairnError.BadAuthToken, key is null
                ? "The access key id does not exist"
                : "The master application key cannot be used with the S3 API; create an application key");
        }
        var secret = ApplicationKeySecrets.Derive(SecretRoot, key.ApplicationKeyId);
        if (!SecretHasher.Verify(secret, key.SecretHash))
        {
            throw new CairnException(CairnError.BadAuthToken, "This application key was created before Cairn served S3; create a new key to use it with S3");
        }
        if (key.ExpirationTimestamp is { } expires && expires <= now)
        {
            throw new CairnException(CairnError.ExpiredAuthToken, "The application key has expired");
        }
        return (new Principal(key), secret);
    }

    private byte[] SecretRoot => _secretRoot ?? throw new InvalidOperationException("AuthService is not initialized");

    public long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// b2_authorize_account: checks a key id (or the account id, standing for the master key) and secret, behind the
    /// failed-authorization throttle of <paramref name="clientAddress"/>. The protocol reads the credentials from its
    /// wire form in <paramref name="readCredentials"/>; credentials it cannot read count as a failure too.
    /// </summary>
    public async Task<(Principal Principal, string Token)> AuthorizeAccountAsync(
        Func<(string KeyId, string Secret)> readCredentials, string clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readCredentials);
        _throttle.Check(clientAddress);
        try
        {
            var (keyId, secret) = readCredentials();
            var authorized = await CheckKeyAsync(keyId, secret, cancellationToken);
            _throttle.RecordSuccess(clientAddress);
            return authorized;
        }
        catch (CairnException e) when (e.Error is CairnError.BadAuthToken or CairnError.Unauthorized)
        {
            _throttle.RecordFailure(clientAddress);
            throw;
        }
    }

    private async Task<(Principal Principal, string Token)> CheckKeyAsync(string keyId, string secret, CancellationToken cancellationToken)
    {
        var key = await _store.GetKeyAsync(keyId, cancellationToken);
        if (key is null && keyId.Length == 12)
        {
            var master = await _store.GetMasterKeyAsync(keyId, cancellationToken);
            key = master;
        }
        // B2 answers a wrong key id or secret with 401 unauthorized (its b2_authorize_account docs; b2sdk's RawSimulator
        // and the TypeScript SDK's simulator agree), not bad_auth_token, which is about tokens. One message for both, so
        // the answer does not tell which key ids exist.
        if (key is null || !SecretHasher.Verify(secret, key.SecretHash))
        {
            throw Fail.Unauthorized("application key is not valid");
        }
        var now = NowMs;
        if (key.ExpirationTimestamp is { } expires && expires <= now)
        {
            throw Fail.Unauthorized("application key has expired");
        }
        var tokenExpires = now + (long)_options.AuthTokenLifetime.TotalMilliseconds;
        if (key.ExpirationTimestamp is { } keyExpires && keyExpires < tokenExpires)
        {
            tokenExpires = keyExpires;
        }
        var token = Signer.Create(AccountKind, key.ApplicationKeyId, Ms(tokenExpires), IdGenerator.RandomHex(8));
        _keys[key.ApplicationKeyId] = (key, now);
        return (new Principal(key), token);
    }

    /// <summary>Verifies an account authorization token.</summary>
    public async Task<Principal> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new CairnException(CairnError.MissingAuthToken, "Authorization header is missing");
        }
        var fields = Signer.Read(AccountKind, token);
        if (fields is not { Length: 3 })
        {
            throw new CairnException(CairnError.BadAuthToken, "Invalid authorization token");
        }
        return await PrincipalFromAsync(fields[0], fields[1], cancellationToken);
    }

    /// <summary>
    /// An agent token: a bearer token for the MCP endpoint, standing for the caller's application key with its
    /// capabilities and scope, expiring after <paramref name="validDurationInSeconds"/> (default
    /// <see cref="ObjectServiceOptions.AgentTokenLifetime"/>, at most an account token's lifetime) or with the key.
    /// It holds no secret, works nowhere but the MCP endpoint, and dies with its key.
    /// </summary>
    public (string Token, long ExpiresAt) IssueAgentToken(Principal principal, long? validDurationInSeconds)
    {
        var maxSeconds = (long)_options.AuthTokenLifetime.TotalSeconds;
        var seconds = validDurationInSeconds ?? (long)_options.AgentTokenLifetime.TotalSeconds;
        if (seconds < 1 || seconds > maxSeconds)
        {
            throw new CairnException(CairnError.OutOfRange, $"validDurationInSeconds must be between 1 and {maxSeconds}");
        }
        var expires = NowMs + seconds * 1000;
        if (principal.Key.ExpirationTimestamp is { } keyExpires && keyExpires < expires)
        {
            expires = keyExpires;
        }
        return (Signer.Create(AgentKind, principal.Key.ApplicationKeyId, Ms(expires), IdGenerator.RandomHex(8)), expires);
    }

    /// <summary>Verifies an agent token (<c>Authorization: Bearer …</c> on the MCP endpoint).</summary>
    public async Task<Principal> AuthenticateAgentAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new CairnException(CairnError.MissingAuthToken, "Authorization header is missing: send Authorization: Bearer <agent token>");
        }
        var fields = Signer.Read(AgentKind, token);
        if (fields is not { Length: 3 })
        {
            throw new CairnException(CairnError.BadAuthToken, "Invalid agent token");
        }
        return await PrincipalFromAsync(fields[0], fields[1], cancellationToken);
    }

    public string IssueUploadToken(Principal principal, string bucketId) =>
        Signer.Create(UploadKind, principal.Key.ApplicationKeyId, bucketId, Ms(UploadTokenExpiry(principal)), IdGenerator.RandomHex(8));

    public string IssuePartToken(Principal principal, string fileId) =>
        Signer.Create(PartKind, principal.Key.ApplicationKeyId, fileId, Ms(UploadTokenExpiry(principal)), IdGenerator.RandomHex(8));

    /// <summary>Verifies an upload token for the bucket its upload URL names.</summary>
    public Task<Principal> AuthenticateUploadAsync(string? token, string bucketId, CancellationToken cancellationToken) =>
        AuthenticateScopedAsync(UploadKind, token, bucketId, cancellationToken);

    /// <summary>Verifies an upload-part token for the large file its URL names.</summary>
    public Task<Principal> AuthenticatePartAsync(string? token, string fileId, CancellationToken cancellationToken) =>
        AuthenticateScopedAsync(PartKind, token, fileId, cancellationToken);

    /// <summary>
    /// A download authorization token: key id, bucket, prefix, expiry, a nonce, then the bound overrides as
    /// <c>name=value</c> fields (values are header values, so they hold no line breaks).
    /// </summary>
    public string IssueDownloadToken(Principal principal, string bucketId, string fileNamePrefix, long expiresAt, IReadOnlyDictionary<string, string> boundOverrides)
    {
        var fields = new List<string> { principal.Key.ApplicationKeyId, bucketId, fileNamePrefix, Ms(expiresAt), IdGenerator.RandomHex(8) };
        fields.AddRange(boundOverrides.Select(o => o.Key + "=" + o.Value));
        return Signer.Create(DownloadKind, fields.ToArray());
    }

    /// <summary>
    /// Verifies the token a download carries: a download authorization token or an account token. The key behind
    /// either must still exist and be unexpired.
    /// </summary>
    public async Task<DownloadCaller> AuthenticateDownloadAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return DownloadCaller.Anonymous;
        }
        if (!token.StartsWith(DownloadKind + "_", StringComparison.Ordinal))
        {
            return new DownloadCaller(await AuthenticateAsync(token, cancellationToken), null);
        }
        var fields = Signer.Read(DownloadKind, token);
        if (fields is not { Length: >= 5 })
        {
            throw new CairnException(CairnError.BadAuthToken, "Invalid download authorization token");
        }
        var issuer = await PrincipalFromAsync(fields[0], fields[3], cancellationToken);
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields.Skip(5))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            overrides[field[..equals]] = field[(equals + 1)..];
        }
        return new DownloadCaller(null, new DownloadAuthorization(issuer, fields[1], fields[2], overrides));
    }

    /// <summary>Forgets a cached key at once (it was deleted).</summary>
    public void Evict(string applicationKeyId) => _keys.TryRemove(applicationKeyId, out _);

    private async Task<Principal> AuthenticateScopedAsync(char kind, string? token, string target, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new CairnException(CairnError.MissingAuthToken, "Authorization header is missing");
        }
        var fields = Signer.Read(kind, token);
        if (fields is not { Length: 4 } || fields[1] != target)
        {
            throw new CairnException(CairnError.BadAuthToken, "Invalid upload authorization token");
        }
        return await PrincipalFromAsync(fields[0], fields[2], cancellationToken);
    }

    private long UploadTokenExpiry(Principal principal)
    {
        var expires = NowMs + (long)_options.UploadTokenLifetime.TotalMilliseconds;
        return principal.Key.ExpirationTimestamp is { } keyExpires && keyExpires < expires ? keyExpires : expires;
    }

    /// <summary>The principal of a live key, for a token of <paramref name="keyId"/> that expires at <paramref name="expiresField"/> (ms).</summary>
    internal async Task<Principal> PrincipalFromAsync(string keyId, string expiresField, CancellationToken cancellationToken)
    {
        var now = NowMs;
        if (!long.TryParse(expiresField, NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            throw new CairnException(CairnError.BadAuthToken, "Invalid authorization token");
        }
        if (expires <= now)
        {
            throw new CairnException(CairnError.ExpiredAuthToken, "Authorization token has expired");
        }
        var key = await GetKeyAsync(keyId, now, cancellationToken);
        if (key is null)
        {
            throw new CairnException(CairnError.BadAuthToken, "Invalid authorization token: its application key no longer exists");
        }
        if (key.ExpirationTimestamp is { } keyExpires && keyExpires <= now)
        {
            throw new CairnException(CairnError.ExpiredAuthToken, "Authorization token has expired: its application key expired");
        }
        return new Principal(key);
    }

    private async Task<ApplicationKey?> GetKeyAsync(string keyId, long now, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(keyId, out var cached) && now - cached.LoadedAt < KeyCacheLifetime.TotalMilliseconds)
        {
            return cached.Key;
        }
        var key = await _store.GetKeyAsync(keyId, cancellationToken);
        _keys[keyId] = (key, now);
        return key;
    }

    private static string Ms(long value) => value.ToString(CultureInfo.InvariantCulture);
}
