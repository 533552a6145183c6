using Cairn.Core.Limits;

namespace Cairn.Server.Hosting;

/// <summary>Refuses fault, rate-limit and cap settings that cannot mean anything, at start-up.</summary>
public static class LimitOptionsValidator
{
    public static void ThrowIfInvalid(object options)
    {
        switch (options)
        {
            case FaultOptions faults:
                Trigger(faults.FailSomeUploads, "FailSomeUploads");
                Trigger(faults.ExpireSomeAccountAuthorizationTokens, "ExpireSomeAccountAuthorizationTokens");
                Trigger(faults.ForceCapExceeded, "ForceCapExceeded");
                if (faults.TestModeProbability is < 0 or > 1)
                {
                    throw new InvalidOperationException("Cairn:Faults:TestModeProbability must be between 0 and 1.");
                }
                break;
            case RateLimitOptions rate when rate.RequestsPerSecond < 0 || rate.Burst < 0 || rate.AuthorizeFailuresBeforeDelay < 0 || rate.MaxAuthorizeDelaySeconds < 1:
                throw new InvalidOperationException("Cairn:RateLimit values must not be negative, and MaxAuthorizeDelaySeconds must be at least 1.");
            case CapOptions caps when caps.StorageBytes < 0 || caps.DailyDownloadBytes < 0 || caps.DailyTransactions < 0:
                throw new InvalidOperationException("Cairn:Caps values must not be negative.");
        }
    }

    private static void Trigger(FaultTrigger trigger, string name)
    {
        if (trigger.EveryNth < 1 || trigger.Probability is < 0 or > 1)
        {
            throw new InvalidOperationException($"Cairn:Faults:{name}: EveryNth must be at least 1 and Probability between 0 and 1.");
        }
    }
}
