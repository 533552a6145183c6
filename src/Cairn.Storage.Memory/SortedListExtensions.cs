namespace Cairn.Storage.Memory;

internal static class SortedListExtensions
{
    /// <summary>The index of the first key ≥ <paramref name="key"/> (Count when there is none).</summary>
    public static int LowerBound<TKey, TValue>(this SortedList<TKey, TValue> list, TKey key)
        where TKey : notnull, IComparable<TKey>
    {
        var keys = list.Keys;
        int lo = 0, hi = keys.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (keys[mid].CompareTo(key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
