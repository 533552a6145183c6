using Cairn.Core.Files;
using Cairn.Core.LargeFiles;

namespace Cairn.Storage.Memory;

/// <summary>A stored version and its place among the versions of its name.</summary>
internal sealed class VersionEntry
{
    public VersionEntry(FileVersion version, long sequence, NameEntry name)
    {
        Version = version;
        Sequence = sequence;
        Name = name;
        Parts = version.Action == FileAction.Start ? new SortedList<int, Part>() : null;
    }

    /// <summary>Replaced when an unfinished large file is finished and when its Object Lock state changes.</summary>
    public FileVersion Version { get; set; }

    /// <summary>Assigned on insert from a store-wide counter: larger is newer. Finishing keeps it.</summary>
    public long Sequence { get; }

    public NameEntry Name { get; }

    /// <summary>The parts by number while this is an unfinished large file; null otherwise.</summary>
    public SortedList<int, Part>? Parts { get; set; }
}
