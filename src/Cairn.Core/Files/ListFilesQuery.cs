namespace Cairn.Core.Files;

/// <summary>The parameters of b2_list_file_names and b2_list_file_versions.</summary>
public sealed record ListFilesQuery
{
    public required string BucketId { get; init; }

    public string? Prefix { get; init; }

    public string? Delimiter { get; init; }

    public string? StartFileName { get; init; }

    /// <summary>Versions listing only; requires <see cref="StartFileName"/>.</summary>
    public string? StartFileId { get; init; }

    /// <summary>1..10000; null or 0 means 100.</summary>
    public int? MaxFileCount { get; init; }
}
