namespace Cairn.Core.Keys;

/// <summary>What b2_create_key asks for. <see cref="BucketIds"/> null means every bucket.</summary>
public sealed record NewKey(
    string KeyName,
    IReadOnlyList<string> Capabilities,
    long? ValidDurationInSeconds,
    IReadOnlyList<string>? BucketIds,
    string? NamePrefix);
