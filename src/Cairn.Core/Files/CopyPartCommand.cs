namespace Cairn.Core.Files;

/// <summary>Everything b2_copy_part says, decoded from the wire.</summary>
public sealed record CopyPartCommand
{
    public required string SourceFileId { get; init; }

    public required string LargeFileId { get; init; }

    public required int PartNumber { get; init; }

    /// <summary>Null: the whole source.</summary>
    public CopyRange? Range { get; init; }
}
