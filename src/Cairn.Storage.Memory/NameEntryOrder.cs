using Cairn.Core.Files;

namespace Cairn.Storage.Memory;

/// <summary>Orders <see cref="NameEntry"/> by <see cref="FileNameOrder"/>, with <see cref="NameEntry.AfterAll"/> last.</summary>
internal sealed class NameEntryOrder : IComparer<NameEntry>
{
    public static NameEntryOrder Instance { get; } = new();

    public int Compare(NameEntry? x, NameEntry? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (ReferenceEquals(x, NameEntry.AfterAll))
        {
            return 1;
        }
        if (ReferenceEquals(y, NameEntry.AfterAll))
        {
            return -1;
        }
        return FileNameOrder.Instance.Compare(x?.Name, y?.Name);
    }
}
