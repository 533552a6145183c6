namespace Cairn.Core.LargeFiles;

/// <summary>One uploaded part of an unfinished large file.</summary>
public sealed record Part
{
    public required string FileId { get; init; }

    /// <summary>1..10000.</summary>
    public required int PartNumber { get; init; }

    public required string BlobId { get; init; }

    public required long ContentLength { get; init; }

    /// <summary>40 hex as computed by the server (also for <c>do_not_verify</c> parts).</summary>
    public required string ContentSha1 { get; init; }

    public required string ContentMd5 { get; init; }

    public required long UploadTimestamp { get; init; }

    /// <summary>The part blob's encryption envelope (<see cref="Encryption.BlobEnvelope"/>), or null for plaintext.</summary>
    public string? Key { get; init; }
}
