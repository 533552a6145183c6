namespace Cairn.Compat.Tests.Clients;

/// <summary>Large local files of reproducible pseudo-random bytes for clients to upload.</summary>
public static class RandomFile
{
    /// <summary>Writes <paramref name="length"/> bytes from a generator seeded with <paramref name="seed"/>, in chunks; returns <paramref name="path"/>.</summary>
    public static string Write(string path, long length, int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[1 << 20];
        using var file = File.Create(path);
        for (long written = 0; written < length; written += buffer.Length)
        {
            random.NextBytes(buffer);
            file.Write(buffer, 0, (int)Math.Min(buffer.Length, length - written));
        }
        return path;
    }
}
