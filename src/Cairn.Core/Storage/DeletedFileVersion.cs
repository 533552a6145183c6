using Cairn.Core.Files;

namespace Cairn.Core.Storage;

/// <summary>
/// A version removed from the metadata store, and the blobs that no version, part or copy references
/// any more. The caller deletes those blobs after the metadata change is durable.
/// </summary>
public sealed record DeletedFileVersion(FileVersion Version, IReadOnlyList<string> FreedBlobIds);
