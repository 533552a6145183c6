namespace Cairn.Bench.Support;

/// <summary>
/// Writes and deletes a file as large as the upload that follows, so that every target writes that upload into memory
/// the kernel has just used. On a VM whose host takes free memory back (this machine returns it within a minute), the
/// first write into memory the guest has not touched recently costs several times more: a plain 1 GiB <c>dd</c> into a
/// new file ran at about 450 MB/s on such memory and 3.9 GB/s on memory just freed. Without this, whichever target
/// happened to follow a delete would look faster; with it, Cairn, the bare endpoint and the peers start equal.
/// </summary>
internal static class PageCachePrimer
{
    private const int ChunkSize = 1024 * 1024;

    public static void Prime(string directory, long bytes)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "prime.bin");
        var chunk = new byte[ChunkSize];
        Random.Shared.NextBytes(chunk);
        using (var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            for (long offset = 0; offset < bytes; offset += ChunkSize)
            {
                RandomAccess.Write(handle, chunk.AsSpan(0, (int)Math.Min(ChunkSize, bytes - offset)), offset);
            }
        }
        // Deleting a file whose pages are still dirty frees them at once, without writing them to disk.
        File.Delete(path);
    }
}
