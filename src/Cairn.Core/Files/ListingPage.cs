namespace Cairn.Core.Files;

/// <summary>A page of a listing and where the next page starts (null at the end).</summary>
public sealed record ListingPage(IReadOnlyList<ListingEntry> Entries, string? NextFileName, string? NextFileId);
