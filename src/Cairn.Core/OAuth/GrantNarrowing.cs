namespace Cairn.Core.OAuth;

/// <summary>
/// What the person chose on the consent page. Empty bucket ids and an empty prefix mean "as the key has it".
/// </summary>
public sealed record GrantNarrowing
{
    public required IReadOnlyList<string> Capabilities { get; init; }

    public IReadOnlyList<string>? BucketIds { get; init; }

    public string? NamePrefix { get; init; }

    public required long ValidForSeconds { get; init; }

    /// <summary>What the consent page preselects: look, never touch.</summary>
    public static IReadOnlyList<string> ReadOnlyCapabilities { get; } = [Keys.Capabilities.ListBuckets, Keys.Capabilities.ListFiles, Keys.Capabilities.ReadFiles];
}
