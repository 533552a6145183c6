using Cairn.Core.Files;

namespace Cairn.Core.FileLock;

/// <summary>
/// The Object Lock settings a write asks for (upload headers, start or copy JSON): retention and legal hold, each
/// null when not asked for.
/// </summary>
public sealed record LockRequest(FileRetention? Retention, string? LegalHold)
{
    public static LockRequest None { get; } = new(null, null);
}
