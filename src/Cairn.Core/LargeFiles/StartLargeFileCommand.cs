using Cairn.Core.Encryption;
using Cairn.Core.FileLock;

namespace Cairn.Core.LargeFiles;

/// <summary>Everything b2_start_large_file says about a large file, decoded from the wire.</summary>
public sealed record StartLargeFileCommand
{
    public required string BucketId { get; init; }

    public required string FileName { get; init; }

    /// <summary>A MIME type or <c>b2/x-auto</c>; resolved once, at start.</summary>
    public required string ContentType { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> FileInfo { get; init; } = [];

    /// <summary>Milliseconds; must not be in the future. Becomes the finished file's upload timestamp.</summary>
    public long? CustomUploadTimestamp { get; init; }

    /// <summary>fileRetention and legalHold; the finished file keeps them.</summary>
    public LockRequest Lock { get; init; } = LockRequest.None;

    /// <summary><c>serverSideEncryption</c>; null: the bucket's default. Every part is encrypted the same way.</summary>
    public EncryptionRequest? Encryption { get; init; }
}
