namespace Cairn.Bench.Clients;

/// <summary>The object operations of one worker. Every call throws when the server refuses or the content is wrong.</summary>
internal interface IStoreSession
{
    /// <summary>Uploads <paramref name="length"/> bytes of the pattern from <paramref name="offset"/>; <paramref name="sha1"/> is their SHA-1.</summary>
    Task PutAsync(string key, long offset, long length, string sha1, CancellationToken cancellationToken);

    /// <summary>Downloads the object and reads it to its end; returns its length.</summary>
    Task<long> GetAsync(string key, long expectedLength, CancellationToken cancellationToken);

    /// <summary>Downloads the object and returns its length and SHA-1, computed as it arrives.</summary>
    Task<(long Length, string Sha1)> GetHashedAsync(string key, long expectedLength, CancellationToken cancellationToken);
}
