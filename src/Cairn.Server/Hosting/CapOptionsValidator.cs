using Cairn.Core.Limits;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Hosting;

/// <summary>Refuses negative caps (<c>Cairn:Caps</c>), at start-up.</summary>
public sealed class CapOptionsValidator : IValidateOptions<CapOptions>
{
    public ValidateOptionsResult Validate(string? name, CapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.StorageBytes < 0 || options.DailyDownloadBytes < 0 || options.DailyTransactions < 0
            ? ValidateOptionsResult.Fail("Cairn:Caps values must not be negative.")
            : ValidateOptionsResult.Success;
    }
}
