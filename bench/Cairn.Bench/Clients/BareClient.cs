using Cairn.Bench.Support;

namespace Cairn.Bench.Clients;

/// <summary>
/// The bare Kestrel endpoints (<see cref="Servers.BareServer"/>) driven with the same <see cref="HttpClient"/> setup as
/// Cairn: a PUT is <c>/hashwrite</c> (SHA-1 while writing, then fsync), a small GET comes from memory, a large GET
/// is <c>SendFileAsync</c> of the file an earlier PUT wrote. <see cref="BarePut.Drain"/> turns PUTs into <c>/drain</c>,
/// <see cref="BarePut.HashWriteMd5"/> adds MD5 to the hash-write pass.
/// </summary>
internal sealed class BareClient(string baseUrl, BarePut put = BarePut.HashWrite) : IStoreClient
{
    private readonly HttpClient _http = Http.CreateClient(baseUrl);

    public Task CreateBucketAsync(string bucket, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IStoreSession> OpenSessionAsync(string bucket, CancellationToken cancellationToken) =>
        Task.FromResult<IStoreSession>(new Session(_http, bucket, put));

    public async Task<bool> UploadInPartsAsync(string bucket, string key, int partCount, long partSize, CancellationToken cancellationToken)
    {
        var session = new Session(_http, bucket, put);
        await Task.WhenAll(Enumerable.Range(0, partCount).Select(i =>
            session.PutAsync($"{key}.part{i + 1}", i * partSize, partSize, "", cancellationToken)));
        return true;
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return default;
    }

    private sealed class Session(HttpClient http, string bucket, BarePut put) : IStoreSession
    {
        public async Task PutAsync(string key, long offset, long length, string sha1, CancellationToken cancellationToken)
        {
            var drainOnly = put == BarePut.Drain;
            var path = put switch
            {
                BarePut.Drain => "drain",
                BarePut.HashWriteMd5 => $"hashwrite/{bucket}/{key}?md5=1",
                _ => $"hashwrite/{bucket}/{key}",
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Content.Of(offset, length) };
            using var response = await http.SendAsync(request, cancellationToken);
            await Http.EnsureSuccessAsync(response, path);
            if (!drainOnly && sha1.Length > 0)
            {
                var computed = await response.Content.ReadAsStringAsync(cancellationToken);
                if (computed != sha1)
                {
                    throw new InvalidDataException($"{key}: bare endpoint hashed {computed}, expected {sha1}");
                }
            }
        }

        public async Task<long> GetAsync(string key, long expectedLength, CancellationToken cancellationToken)
        {
            using var response = await http.GetAsync($"mem/{expectedLength}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await Http.EnsureSuccessAsync(response, "mem");
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await Drain.ReadAllAsync(body, cancellationToken);
        }

        public async Task<(long Length, string Sha1)> GetHashedAsync(string key, long expectedLength, CancellationToken cancellationToken)
        {
            using var response = await http.GetAsync($"sendfile/{bucket}/{key}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await Http.EnsureSuccessAsync(response, "sendfile");
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await Drain.HashAllAsync(body, cancellationToken);
        }
    }
}

/// <summary>What a PUT to the bare endpoints does.</summary>
internal enum BarePut
{
    /// <summary>Reads the body and throws it away: the network and HTTP alone.</summary>
    Drain,
    /// <summary>SHA-1 while writing a new file, then fsync: the floor of a durable verified upload.</summary>
    HashWrite,
    /// <summary>As <see cref="HashWrite"/>, with MD5 in the same pass, as B2's <c>contentMd5</c> needs.</summary>
    HashWriteMd5,
}
