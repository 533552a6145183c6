namespace Cairn.Core.Storage;

/// <summary>A committed blob as the blob store lists it.</summary>
public sealed record StoredBlob(string BlobId, DateTimeOffset LastWriteTime);
