using Cairn.Core.Files;

namespace Cairn.Core.LargeFiles;

/// <summary>One page of b2_list_unfinished_large_files, oldest first, and the id to resume from, or null.</summary>
public sealed record UnfinishedPage(IReadOnlyList<FileVersion> Files, string? NextFileId);
