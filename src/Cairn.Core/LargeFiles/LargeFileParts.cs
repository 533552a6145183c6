using Cairn.Core.Errors;
using Cairn.Core.Files;

namespace Cairn.Core.LargeFiles;

/// <summary>
/// The check every metadata store makes inside its finish transaction: the finished version's segments are
/// exactly the file's current parts, in part-number order. A part re-uploaded after the finish listed the
/// parts has freed the blob the finish was about to name, so the finish must not commit.
/// </summary>
public static class LargeFileParts
{
    /// <param name="parts">The file's current parts, ascending by number, as the store holds them now.</param>
    /// <param name="segments">The segments the finished version would have.</param>
    public static void EnsureSegmentsAre(IReadOnlyList<(int Number, string BlobId)> parts, IReadOnlyList<BlobSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(segments);
        for (var i = 0; i < Math.Max(parts.Count, segments.Count); i++)
        {
            var number = i < parts.Count ? parts[i].Number : i + 1;
            if (i >= parts.Count || i >= segments.Count || parts[i].Number != i + 1
                || !string.Equals(parts[i].BlobId, segments[i].BlobId, StringComparison.Ordinal))
            {
                throw new CairnException(CairnError.PartSha1Mismatch,
                    $"Part number {number} was uploaded again while the large file was being finished; list the parts and finish with their SHA-1s");
            }
        }
    }
}
