using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Bench.Support;

namespace Cairn.Bench.Clients;

/// <summary>
/// A peer through AWSSDK.S3: path-style addressing, dummy credentials (s3rver's fixed S3RVER/S3RVER; moto takes any), and checksums only where S3 requires them
/// (the peers reject or ignore the SDK's default CRC trailers). Payloads are still SigV4-signed over plain HTTP,
/// which costs the client one SHA-256 pass over every body.
/// </summary>
internal sealed class S3Client : IStoreClient
{
    private readonly AmazonS3Client _s3;

    public S3Client(string serviceUrl)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = serviceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxConnectionsPerServer = 1024,
            Timeout = TimeSpan.FromMinutes(10),
            MaxErrorRetry = 0,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        _s3 = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"), config);
    }

    public async Task CreateBucketAsync(string bucket, CancellationToken cancellationToken) =>
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);

    public Task<IStoreSession> OpenSessionAsync(string bucket, CancellationToken cancellationToken) =>
        Task.FromResult<IStoreSession>(new Session(_s3, bucket));

    public async Task<bool> UploadInPartsAsync(string bucket, string key, int partCount, long partSize, CancellationToken cancellationToken)
    {
        var started = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, cancellationToken);
        var etags = await Task.WhenAll(Enumerable.Range(0, partCount).Select(async i =>
        {
            var part = await _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = started.UploadId,
                PartNumber = i + 1,
                PartSize = partSize,
                InputStream = Pattern.Open(i * partSize, partSize),
                UseChunkEncoding = false,
            }, cancellationToken);
            return new PartETag(i + 1, part.ETag);
        }));
        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = started.UploadId,
            PartETags = etags.ToList(),
        }, cancellationToken);
        return true;
    }

    public ValueTask DisposeAsync()
    {
        _s3.Dispose();
        return default;
    }

    private sealed class Session(AmazonS3Client s3, string bucket) : IStoreSession
    {
        public async Task PutAsync(string key, long offset, long length, string sha1, CancellationToken cancellationToken)
        {
            var at = (int)(offset % Pattern.BlockSize);
            Stream body = at + length <= Pattern.BlockSize
                ? new MemoryStream(Pattern.Block, at, (int)length, writable: false)
                : Pattern.Open(offset, length);
            var request = new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = body,
                AutoCloseStream = true,
                UseChunkEncoding = false,
                ContentType = "application/octet-stream",
            };
            request.Headers.ContentLength = length;
            await s3.PutObjectAsync(request, cancellationToken);
        }

        public async Task<long> GetAsync(string key, long expectedLength, CancellationToken cancellationToken)
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
            var length = await Drain.ReadAllAsync(response.ResponseStream, cancellationToken);
            return length == expectedLength ? length : throw new InvalidDataException($"Got {length} bytes, expected {expectedLength}");
        }

        public async Task<(long Length, string Sha1)> GetHashedAsync(string key, long expectedLength, CancellationToken cancellationToken)
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
            var result = await Drain.HashAllAsync(response.ResponseStream, cancellationToken);
            return result.Length == expectedLength ? result : throw new InvalidDataException($"Got {result.Length} bytes, expected {expectedLength}");
        }
    }
}
