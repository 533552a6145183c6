namespace Cairn.Bench.Clients;

/// <summary>One target as the workloads see it: Cairn over B2, a peer over S3, or the bare endpoints.</summary>
internal interface IStoreClient : IAsyncDisposable
{
    /// <summary>Creates the bucket the workloads use; idempotent enough to be called once per run.</summary>
    Task CreateBucketAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>What one worker uses; B2 hands each worker its own upload URL, as B2 clients do.</summary>
    Task<IStoreSession> OpenSessionAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>
    /// Uploads one object as <paramref name="partCount"/> parts of <paramref name="partSize"/> bytes, all in parallel
    /// (b2_start_large_file / S3 multipart). Returns false when the server does not offer large files.
    /// </summary>
    Task<bool> UploadInPartsAsync(string bucket, string key, int partCount, long partSize, CancellationToken cancellationToken);
}
