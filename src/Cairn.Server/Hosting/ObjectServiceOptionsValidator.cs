using Cairn.Core;

namespace Cairn.Server.Hosting;

/// <summary>Checks the object service's limits once, at start-up.</summary>
public static class ObjectServiceOptionsValidator
{
    public static void ThrowIfInvalid(ObjectServiceOptions options)
    {
        if (options.AbsoluteMinimumPartSize < 1)
        {
            throw new InvalidOperationException("Cairn:AbsoluteMinimumPartSize (CAIRN_ABSOLUTE_MINIMUM_PART_SIZE) must be at least 1 byte.");
        }
        if (options.RecommendedPartSize < options.AbsoluteMinimumPartSize)
        {
            throw new InvalidOperationException("Cairn:RecommendedPartSize (CAIRN_RECOMMENDED_PART_SIZE) must be at least the absolute minimum part size.");
        }
        if (options.AuthTokenLifetime <= TimeSpan.Zero || options.UploadTokenLifetime <= TimeSpan.Zero || options.AgentTokenLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Token lifetimes must be positive.");
        }
        if (options.MaxBucketsPerAccount < 1)
        {
            throw new InvalidOperationException("Cairn:MaxBucketsPerAccount must be at least 1.");
        }
    }
}
