using Cairn.Core.Encryption;

namespace Cairn.Core.Files;

/// <summary>Everything b2_copy_part says, decoded from the wire.</summary>
public sealed record CopyPartCommand
{
    public required string SourceFileId { get; init; }

    public required string LargeFileId { get; init; }

    public required int PartNumber { get; init; }

    /// <summary>Null: the whole source.</summary>
    public CopyRange? Range { get; init; }

    /// <summary><c>sourceServerSideEncryption</c>: the key of an SSE-C source, required to read it.</summary>
    public CustomerKey? SourceKey { get; init; }

    /// <summary><c>destinationServerSideEncryption</c>: the large file's SSE-C key when it has one (b2sdk sends it); other modes must match the file.</summary>
    public EncryptionRequest? DestinationEncryption { get; init; }
}
