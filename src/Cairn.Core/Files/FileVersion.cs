using Cairn.Core.Encryption;

namespace Cairn.Core.Files;

/// <summary>One version of a file name in a bucket (b2-api/listing-and-versions.md).</summary>
public sealed record FileVersion
{
    public required string FileId { get; init; }

    public required string AccountId { get; init; }

    public required string BucketId { get; init; }

    public required string FileName { get; init; }

    public required FileAction Action { get; init; }

    /// <summary>Bytes of content; 0 for hide markers and unfinished large files.</summary>
    public long ContentLength { get; init; }

    /// <summary>40 hex, <c>none</c> (large files, unfinished files), or <c>unverified:&lt;hex&gt;</c>. Never null.</summary>
    public required string ContentSha1 { get; init; }

    /// <summary>32 hex, or null for large files.</summary>
    public string? ContentMd5 { get; init; }

    public required string ContentType { get; init; }

    public IReadOnlyDictionary<string, string> FileInfo { get; init; } = new Dictionary<string, string>();

    /// <summary>Milliseconds since the Unix epoch.</summary>
    public required long UploadTimestamp { get; init; }

    /// <summary>Object Lock retention, or null.</summary>
    public FileRetention? Retention { get; init; }

    /// <summary>Object Lock legal hold: <c>on</c>, <c>off</c>, or null when never set.</summary>
    public string? LegalHold { get; init; }

    /// <summary>
    /// Cloud Replication status (<see cref="Replication.ReplicationStatus"/>): <c>pending</c> for a new file a rule of its
    /// bucket's replication configuration selects; null when no rule does. Set at upload, copy or start.
    /// </summary>
    public string? ReplicationStatus { get; init; }

    /// <summary>Server-side encryption of the content, or null for plaintext. Set at upload or start; never changes.</summary>
    public FileEncryption? Encryption { get; init; }

    /// <summary>Where the content lives, in order. Empty for hide markers and unfinished large files.</summary>
    public IReadOnlyList<BlobSegment> Segments { get; init; } = [];
}
