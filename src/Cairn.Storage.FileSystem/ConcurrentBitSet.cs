namespace Cairn.Storage.FileSystem;

/// <summary>A fixed-size set of small integers that many threads may read and add to without a lock.</summary>
internal sealed class ConcurrentBitSet
{
    private readonly ulong[] _words;

    public ConcurrentBitSet(int size) => _words = new ulong[(size + 63) / 64];

    public bool Contains(int value) => (Volatile.Read(ref _words[value >> 6]) & (1UL << value)) != 0;

    public void Add(int value) => Interlocked.Or(ref _words[value >> 6], 1UL << value);
}
