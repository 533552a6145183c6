using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Objects;

/// <summary>
/// SSE-B2 (<c>x-amz-server-side-encryption: AES256</c>) and SSE-C (the customer-key headers) on PUT, GET, HEAD,
/// multipart and copy: Core encrypts and checks keys; the same file versions B2 shows as SSE-B2 / SSE-C.
/// </summary>
public sealed class EncryptionTests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string OtherKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private async Task<string> NewBucketAsync()
    {
        var name = S3Fixture.NewBucketName();
        await fixture.S3.PutBucketAsync(name);
        return name;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task SseB2_PutEchoes_GetAndHeadEcho_B2SeesSseB2()
    {
        var bucket = await NewBucketAsync();
        var content = RandomNumberGenerator.GetBytes(20_000);
        var put = await fixture.S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "sse-b2",
            InputStream = new MemoryStream(content),
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        });
        Assert.Equal(ServerSideEncryptionMethod.AES256, put.ServerSideEncryptionMethod);
        using (var get = await fixture.S3.GetObjectAsync(bucket, "sse-b2"))
        {
            Assert.Equal(content, await ReadAllAsync(get.ResponseStream));
            Assert.Equal(ServerSideEncryptionMethod.AES256, get.ServerSideEncryptionMethod);
        }
        var info = await fixture.B2.CallAsync("b2_get_file_info", new { fileId = put.VersionId });
        Assert.Equal("SSE-B2", info.GetProperty("serverSideEncryption").GetProperty("mode").GetString());

        await S3Assert.FailsAsync("InvalidArgument", HttpStatusCode.BadRequest, () => fixture.S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "kms",
            ContentBody = "x",
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
        }));
    }

    [Fact]
    public async Task SseC_PutGetHead_WrongOrMissingKey_AccessDenied()
    {
        var bucket = await NewBucketAsync();
        var content = RandomNumberGenerator.GetBytes(30_000);
        var put = await fixture.S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "sse-c",
            InputStream = new MemoryStream(content),
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256,
            ServerSideEncryptionCustomerProvidedKey = Key,
        });
        Assert.Equal(ServerSideEncryptionCustomerMethod.AES256, put.ServerSideEncryptionCustomerMethod);

        using (var get = await fixture.S3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket,
            Key = "sse-c",
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256,
            ServerSideEncryptionCustomerProvidedKey = Key,
        }))
        {
            Assert.Equal(content, await ReadAllAsync(get.ResponseStream));
            Assert.Equal(ServerSideEncryptionCustomerMethod.AES256, get.ServerSideEncryptionCustomerMethod);
        }
        var head = await fixture.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest
        {
            BucketName = bucket,
            Key = "sse-c",
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256,
            ServerSideEncryptionCustomerProvidedKey = Key,
        });
        Assert.Equal(content.Length, head.ContentLength);

        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => fixture.S3.GetObjectAsync(bucket, "sse-c"));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => fixture.S3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket,
            Key = "sse-c",
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256,
            ServerSideEncryptionCustomerProvidedKey = OtherKey,
        }));

        var info = await fixture.B2.CallAsync("b2_get_file_info", new { fileId = put.VersionId });
        Assert.Equal("SSE-C", info.GetProperty("serverSideEncryption").GetProperty("mode").GetString());
    }

    [Fact]
    public async Task SseC_UploadedByB2_ReadByS3WithTheSameKey()
    {
        var bucket = S3Fixture.NewBucketName();
        var bucketId = await fixture.B2.CreateBucketAsync(bucket);
        var content = RandomNumberGenerator.GetBytes(10_000);
        var md5 = Convert.ToBase64String(MD5.HashData(Convert.FromBase64String(Key)));
        await fixture.B2.UploadAsync(bucketId, "from-b2", content, "application/octet-stream", new Dictionary<string, string>
        {
            ["X-Bz-Server-Side-Encryption-Customer-Algorithm"] = "AES256",
            ["X-Bz-Server-Side-Encryption-Customer-Key"] = Key,
            ["X-Bz-Server-Side-Encryption-Customer-Key-Md5"] = md5,
        });
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => fixture.S3.GetObjectAsync(bucket, "from-b2"));
        using var get = await fixture.S3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket,
            Key = "from-b2",
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256,
            ServerSideEncryptionCustomerProvidedKey = Key,
        });
        Assert.Equal(content, await ReadAllAsync(get.ResponseStream));
        Assert.Equal(md5, get.ServerSideEncryptionCustomerProvidedKeyMD5);
    }

    [Fact]
    public async Task SseC_Multipart_AndCopyWithSourceKey()
    {
        var bucket = await NewBucketAsync();
        var start = await fixture.S3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "mp",
            ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256,
            ServerSideEncryptionCustomerProvidedKey = Key,
        });
        var first = RandomNumberGenerator.GetBytes(5 * 1024 * 1024);
        var second = RandomNumberGenerator.GetBytes(1000);
        var etags = new List<PartETag>();
        foreach (var (number, body) in new[] { (1, first), (2, second) })
        {
            var part = await fixture.S3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket,
                Key = "mp",
                UploadId = start.UploadId,
                PartNumber = number,
                InputStream = new MemoryStream(body),
                ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256,
                ServerSideEncryptionCustomerProvidedKey = Key,
            });
            etags.Add(new PartETag(number, part.ETag));
        }
        // A part without the upload's key is refused.
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => fixture.S3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket,
            Key = "mp",
            UploadId = start.UploadId,
            PartNumber = 3,
            InputStream = new MemoryStream(second),
        }));
        await fixture.S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = "mp", UploadId = start.UploadId, PartETags = etags });

        // Copy to a plaintext object: the source's key is needed.
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden,
            () => fixture.S3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "mp", DestinationBucket = bucket, DestinationKey = "plain" }));
        await fixture.S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "mp",
            DestinationBucket = bucket,
            DestinationKey = "plain",
            CopySourceServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256,
            CopySourceServerSideEncryptionCustomerProvidedKey = Key,
        });
        using var get = await fixture.S3.GetObjectAsync(bucket, "plain");
        Assert.Equal(first.Concat(second).ToArray(), await ReadAllAsync(get.ResponseStream));
        Assert.True(string.IsNullOrEmpty(get.ServerSideEncryptionCustomerMethod?.Value));
    }
}
