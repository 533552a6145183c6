namespace Cairn.Core.LargeFiles;

/// <summary>One page of b2_list_parts: ascending parts and the first part number not returned, or null.</summary>
public sealed record PartPage(IReadOnlyList<Part> Parts, int? NextPartNumber);
