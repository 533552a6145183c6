using Cairn.Core.Buckets;

namespace Cairn.Storage.Memory;

/// <summary>A bucket and the indexes of its names. Guarded by the store's lock.</summary>
internal sealed class BucketState
{
    public BucketState(Bucket bucket) => Bucket = bucket;

    public Bucket Bucket { get; set; }

    public Dictionary<string, NameEntry> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>Every name with at least one version, in name order.</summary>
    public SortedSet<NameEntry> AllNames { get; } = new(NameEntryOrder.Instance);

    /// <summary>Names whose current version is an upload, in name order: what a name listing walks.</summary>
    public SortedSet<NameEntry> VisibleNames { get; } = new(NameEntryOrder.Instance);

    /// <summary>Unfinished large files by sequence number, oldest first.</summary>
    public SortedList<long, VersionEntry> Unfinished { get; } = [];

    public NameEntry GetOrAddName(string fileName)
    {
        if (!Names.TryGetValue(fileName, out var name))
        {
            name = new NameEntry(fileName);
            Names.Add(fileName, name);
            AllNames.Add(name);
        }
        return name;
    }

    /// <summary>Recomputes a name's current version after a change, and drops the name when it has no version left.</summary>
    public void Refresh(NameEntry name)
    {
        var wasVisible = name.IsVisible;
        name.RefreshCurrent();
        if (name.Versions.Count == 0)
        {
            Names.Remove(name.Name);
            AllNames.Remove(name);
            VisibleNames.Remove(name);
            return;
        }
        if (name.IsVisible != wasVisible)
        {
            if (wasVisible)
            {
                VisibleNames.Remove(name);
            }
            else
            {
                VisibleNames.Add(name);
            }
        }
    }

    /// <summary>Names from <paramref name="lower"/> (inclusive) on, in name order; costs O(log n) to start.</summary>
    public static SortedSet<NameEntry> From(SortedSet<NameEntry> names, string lower) =>
        names.GetViewBetween(new NameEntry(lower), NameEntry.AfterAll);
}
