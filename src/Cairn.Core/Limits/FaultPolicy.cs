using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Core.Limits;

/// <summary>
/// Decides whether a request fails on purpose: because it asked to (<c>X-Bz-Test-Mode</c>) or because a server-wide
/// fault is configured (<see cref="FaultOptions"/>). Protocol-neutral; each protocol supplies the request's kind and
/// test mode and writes the failure its own way.
/// </summary>
public sealed class FaultPolicy
{
    private readonly FaultOptions _options;
    private readonly Func<double> _random;
    private long _uploads;
    private long _tokenUses;
    private long _capped;

    /// <summary>Bound on <see cref="_tokens"/>: past it the memory starts over (every token is "first used" again).</summary>
    private const int MaxTrackedTokens = 100_000;

    /// <summary>
    /// For <c>expire_some_account_authorization_tokens</c>: account tokens seen with the header (by a hash, never the token
    /// itself), and whether the mode has expired them.
    /// </summary>
    private readonly ConcurrentDictionary<string, bool> _tokens = new(StringComparer.Ordinal);

    public FaultPolicy(FaultOptions options)
        : this(options, Random.Shared.NextDouble)
    {
    }

    public FaultPolicy(FaultOptions options, Func<double> random)
    {
        _options = options;
        _random = random;
    }

    /// <summary>
    /// The failure to answer instead of serving the request, or null to serve it. <paramref name="token"/> is the
    /// request's authorization token, if any.
    /// </summary>
    /// <remarks>
    /// The header modes let a client exercise its retry paths the way B2 does (b2-api/uploads.md):
    /// <c>force_cap_exceeded</c> never refuses b2_authorize_account itself; <c>expire_some_account_authorization_tokens</c>
    /// never expires an account token on its first use, so a client that re-authorizes once and retries gets on, and a
    /// token it has expired stays expired, as an expired token does. Upload tokens are not account tokens and are left alone.
    /// The server-wide triggers (<see cref="FaultOptions"/>) fire on their count or chance regardless.
    /// </remarks>
    public CairnException? Decide(RequestKind kind, string? testMode, string? token = null)
    {
        if (Fires(_options.ForceCapExceeded, ref _capped) || testMode == TestModes.ForceCapExceeded && kind != RequestKind.Authorize)
        {
            return kind switch
            {
                RequestKind.Upload => new CairnException(CairnError.StorageCapExceeded, "Cannot upload files, storage cap exceeded."),
                RequestKind.Download => new CairnException(CairnError.DownloadCapExceeded, "Cannot download files, download bandwidth cap exceeded."),
                _ => new CairnException(CairnError.TransactionCapExceeded, "Transaction cap exceeded."),
            };
        }
        if (kind == RequestKind.Upload
            && (Fires(_options.FailSomeUploads, ref _uploads) || testMode == TestModes.FailSomeUploads && Chance()))
        {
            return new CairnException(CairnError.ServiceUnavailable, "service unavailable (injected fault: fail_some_uploads)");
        }
        if (kind != RequestKind.Authorize
            && (Fires(_options.ExpireSomeAccountAuthorizationTokens, ref _tokenUses)
                || testMode == TestModes.ExpireSomeAccountAuthorizationTokens && kind != RequestKind.Upload && ExpiresNow(token)))
        {
            return new CairnException(CairnError.ExpiredAuthToken, "Authorization token has expired (injected fault: expire_some_account_authorization_tokens)");
        }
        return null;
    }

    /// <summary>Whether the test mode answers this use of <paramref name="token"/> as expired.</summary>
    private bool ExpiresNow(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }
        if (_tokens.Count >= MaxTrackedTokens)
        {
            _tokens.Clear();
        }
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_tokens.TryAdd(id, false))
        {
            return false;
        }
        return _tokens.AddOrUpdate(id, false, (_, expired) => expired || Chance());
    }

    private bool Chance() => _random() < _options.TestModeProbability;

    private bool Fires(FaultTrigger trigger, ref long counter)
    {
        if (!trigger.IsEnabled)
        {
            return false;
        }
        if (trigger.EveryNth is > 0 and var n && Interlocked.Increment(ref counter) % n == 0)
        {
            return true;
        }
        return trigger.Probability is > 0 and var p && _random() < p;
    }
}
