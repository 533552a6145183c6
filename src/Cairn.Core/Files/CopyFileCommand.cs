using Cairn.Core.Encryption;
using Cairn.Core.FileLock;

namespace Cairn.Core.Files;

/// <summary>Everything b2_copy_file says, decoded from the wire.</summary>
public sealed record CopyFileCommand
{
    public required string SourceFileId { get; init; }

    public required string FileName { get; init; }

    /// <summary>Null: the source's bucket.</summary>
    public string? DestinationBucketId { get; init; }

    /// <summary>Null: the whole source.</summary>
    public CopyRange? Range { get; init; }

    /// <summary><c>COPY</c> (the default, when null) or <c>REPLACE</c>.</summary>
    public string? MetadataDirective { get; init; }

    /// <summary>Required with REPLACE, refused with COPY.</summary>
    public string? ContentType { get; init; }

    /// <summary>Only with REPLACE.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? FileInfo { get; init; }

    /// <summary>fileRetention and legalHold of the copy.</summary>
    public LockRequest Lock { get; init; } = LockRequest.None;

    /// <summary><c>sourceServerSideEncryption</c>: the key of an SSE-C source, required to read it.</summary>
    public CustomerKey? SourceKey { get; init; }

    /// <summary><c>destinationServerSideEncryption</c>: encryption of the copy; null: the destination bucket's default.</summary>
    public EncryptionRequest? DestinationEncryption { get; init; }
}
