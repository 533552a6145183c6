namespace Cairn.Core.Files;

/// <summary>
/// A run of bytes inside a stored blob. A file version's content is its segments read in order: one for a
/// small file, one per part for a large file. Copies share segments instead of duplicating bytes.
/// </summary>
public sealed record BlobSegment(string BlobId, long Offset, long Length);
