using Cairn.Core;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Hosting;

/// <summary>Checks the object service's limits once, at start-up.</summary>
public sealed class ObjectServiceOptionsValidator : IValidateOptions<ObjectServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, ObjectServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.AbsoluteMinimumPartSize < 1)
        {
            failures.Add("Cairn:AbsoluteMinimumPartSize (CAIRN_ABSOLUTE_MINIMUM_PART_SIZE) must be at least 1 byte.");
        }
        if (options.RecommendedPartSize < options.AbsoluteMinimumPartSize)
        {
            failures.Add("Cairn:RecommendedPartSize (CAIRN_RECOMMENDED_PART_SIZE) must be at least the absolute minimum part size.");
        }
        if (options.AuthTokenLifetime <= TimeSpan.Zero || options.UploadTokenLifetime <= TimeSpan.Zero || options.AgentTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add("Token lifetimes must be positive.");
        }
        if (options.MaxBucketsPerAccount < 1)
        {
            failures.Add("Cairn:MaxBucketsPerAccount must be at least 1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
