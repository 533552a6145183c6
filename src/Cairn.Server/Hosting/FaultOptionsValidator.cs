using Cairn.Core.Limits;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Hosting;

/// <summary>Refuses fault settings (<c>Cairn:Faults</c>) that cannot mean anything, at start-up.</summary>
public sealed class FaultOptionsValidator : IValidateOptions<FaultOptions>
{
    public ValidateOptionsResult Validate(string? name, FaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Trigger(failures, options.FailSomeUploads, nameof(FaultOptions.FailSomeUploads));
        Trigger(failures, options.ExpireSomeAccountAuthorizationTokens, nameof(FaultOptions.ExpireSomeAccountAuthorizationTokens));
        Trigger(failures, options.ForceCapExceeded, nameof(FaultOptions.ForceCapExceeded));
        if (options.TestModeProbability is < 0 or > 1)
        {
            failures.Add("Cairn:Faults:TestModeProbability must be between 0 and 1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Trigger(List<string> failures, FaultTrigger trigger, string name)
    {
        if (trigger.EveryNth < 1 || trigger.Probability is < 0 or > 1)
        {
            failures.Add($"Cairn:Faults:{name}: EveryNth must be at least 1 and Probability between 0 and 1.");
        }
    }
}
