namespace Cairn.Storage.Memory;

/// <summary>
/// How many version segments and parts point at each blob. A blob whose count drops to zero is freed: the caller
/// may delete it. Guarded by the store's lock.
/// </summary>
internal sealed class BlobReferences
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public bool IsReferenced(string blobId) => _counts.ContainsKey(blobId);

    public void Add(string blobId)
    {
        _counts[blobId] = _counts.GetValueOrDefault(blobId) + 1;
    }

    /// <summary>Drops one reference; adds the blob to <paramref name="freed"/> when it was the last.</summary>
    public void Release(string blobId, List<string> freed)
    {
        if (!_counts.TryGetValue(blobId, out var count))
        {
            return;
        }
        if (count <= 1)
        {
            _counts.Remove(blobId);
            freed.Add(blobId);
        }
        else
        {
            _counts[blobId] = count - 1;
        }
    }
}
