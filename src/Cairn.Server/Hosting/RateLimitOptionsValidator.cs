using Cairn.Core.Limits;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Hosting;

/// <summary>Refuses rate limits (<c>Cairn:RateLimit</c>) that cannot mean anything, at start-up.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RequestsPerSecond < 0 || options.Burst < 0 || options.AuthorizeFailuresBeforeDelay < 0 || options.MaxAuthorizeDelaySeconds < 1
            ? ValidateOptionsResult.Fail("Cairn:RateLimit values must not be negative, and MaxAuthorizeDelaySeconds must be at least 1.")
            : ValidateOptionsResult.Success;
    }
}
