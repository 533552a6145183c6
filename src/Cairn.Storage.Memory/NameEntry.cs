using Cairn.Core.Files;

namespace Cairn.Storage.Memory;

/// <summary>One file name in a bucket and its versions.</summary>
internal sealed class NameEntry
{
    /// <summary>Sorts after every name: the open upper bound of a range.</summary>
    public static readonly NameEntry AfterAll = new("");

    public NameEntry(string name) => Name = name;

    public string Name { get; }

    /// <summary>Oldest first (ascending <see cref="VersionEntry.Sequence"/>): an insert appends.</summary>
    public List<VersionEntry> Versions { get; } = [];

    /// <summary>The newest upload or hide marker, or null; kept up to date by <see cref="RefreshCurrent"/>.</summary>
    public VersionEntry? Current { get; private set; }

    public bool IsVisible => Current?.Version.Action == FileAction.Upload;

    public void RefreshCurrent()
    {
        for (var i = Versions.Count - 1; i >= 0; i--)
        {
            if (Versions[i].Version.Action != FileAction.Start)
            {
                Current = Versions[i];
                return;
            }
        }
        Current = null;
    }
}
