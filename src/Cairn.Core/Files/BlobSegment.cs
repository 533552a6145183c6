namespace Cairn.Core.Files;

/// <summary>
/// A run of bytes inside a stored blob. A file version's content is its segments read in order: one for a
/// small file, one per part for a large file. Copies share segments instead of duplicating bytes.
/// </summary>
/// <param name="BlobId">The blob.</param>
/// <param name="Offset">Where the run starts in the blob.</param>
/// <param name="Length">How many bytes it has.</param>
/// <param name="Key">
/// The blob's encryption envelope (<see cref="Encryption.BlobEnvelope"/>), or null for plaintext. Encrypted blobs have
/// the same length and offsets as their plaintext, so <paramref name="Offset"/> and <paramref name="Length"/> are unaffected.
/// </param>
public sealed record BlobSegment(string BlobId, long Offset, long Length, string? Key = null);
