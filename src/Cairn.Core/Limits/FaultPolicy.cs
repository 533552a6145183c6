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

    public FaultPolicy(FaultOptions options)
        : this(options, Random.Shared.NextDouble)
    {
    }

    public FaultPolicy(FaultOptions options, Func<double> random)
    {
        _options = options;
        _random = random;
    }

    /// <summary>The failure to answer instead of serving the request, or null to serve it.</summary>
    public CairnException? Decide(RequestKind kind, string? testMode)
    {
        if (Fires(_options.ForceCapExceeded, ref _capped) || testMode == TestModes.ForceCapExceeded)
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
            && (Fires(_options.ExpireSomeAccountAuthorizationTokens, ref _tokenUses) || testMode == TestModes.ExpireSomeAccountAuthorizationTokens && Chance()))
        {
            return new CairnException(CairnError.ExpiredAuthToken, "Authorization token has expired (injected fault: expire_some_account_authorization_tokens)");
        }
        return null;
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
