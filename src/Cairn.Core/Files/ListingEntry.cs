namespace Cairn.Core.Files;

/// <summary>
/// One entry of a listing: a stored version, or a folder produced by a delimiter
/// (<see cref="Version"/> null, <see cref="FolderName"/> set).
/// </summary>
public sealed record ListingEntry(FileVersion? Version, string? FolderName)
{
    public string Name => Version?.FileName ?? FolderName!;
}
