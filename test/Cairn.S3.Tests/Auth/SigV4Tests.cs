using System.Net;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.S3.Tests.Objects;
using Cairn.S3.Tests.Support;
using Cairn.Testing;

namespace Cairn.S3.Tests.Auth;

/// <summary>SigV4 as S3 answers it: bad signatures, unknown and master keys, wrong region, presigned URLs and expiry, key scope.</summary>
public sealed class SigV4Tests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    [Fact]
    public async Task WrongSecret_403SignatureDoesNotMatch()
    {
        using var client = fixture.Client(fixture.KeyId, fixture.Secret[..^1] + (fixture.Secret[^1] == 'a' ? 'b' : 'a'));
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.ListBucketsAsync());
        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task UnknownKey_403InvalidAccessKeyId()
    {
        using var client = fixture.Client("000" + new string('f', 22), fixture.Secret);
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.ListBucketsAsync());
        Assert.Equal("InvalidAccessKeyId", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task MasterKey_Refused_InvalidAccessKeyId()
    {
        using var client = fixture.Client(CairnServer.MasterKeyId, CairnServer.MasterKey);
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.ListBucketsAsync());
        Assert.Equal("InvalidAccessKeyId", error.ErrorCode);
    }

    [Fact]
    public async Task WrongRegion_400AuthorizationHeaderMalformed()
    {
        using var client = fixture.Client(fixture.KeyId, fixture.Secret, region: "eu-west-1");
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.ListBucketsAsync());
        Assert.Equal("AuthorizationHeaderMalformed", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task KeyRestrictedToAnotherBucket_AccessDenied()
    {
        var mine = S3Fixture.NewBucketName();
        var other = S3Fixture.NewBucketName();
        var mineId = await fixture.B2.CreateBucketAsync(mine);
        await fixture.B2.CreateBucketAsync(other);
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = other, Key = "secret", ContentBody = "no" });
        var (keyId, secret) = await fixture.CreateKeyAsync(["listBuckets", "listFiles", "readFiles", "writeFiles", "deleteFiles"], mineId);
        using var client = fixture.Client(keyId, secret);

        await client.PutObjectAsync(new PutObjectRequest { BucketName = mine, Key = "ok", ContentBody = "yes" });
        var read = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetObjectAsync(other, "secret"));
        Assert.Equal("AccessDenied", read.ErrorCode);
        var write = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.PutObjectAsync(new PutObjectRequest { BucketName = other, Key = "x", ContentBody = "no" }));
        Assert.Equal("AccessDenied", write.ErrorCode);
        var buckets = await client.ListBucketsAsync();
        Assert.Equal([mine], buckets.Buckets.Select(b => b.BucketName));
    }

    [Fact]
    public async Task PresignedPutAndGet_Work_UntilExpired_ThenAccessDenied()
    {
        // Its own server: this test moves the server's clock forward.
        var own = new S3Fixture();
        await own.InitializeAsync();
        try
        {
            var bucket = S3Fixture.NewBucketName();
            await own.S3.PutBucketAsync(bucket);
            var putUrl = await own.S3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = bucket,
                Key = "p",
                Verb = HttpVerb.PUT,
                Expires = DateTime.UtcNow.AddMinutes(5),
                Protocol = Protocol.HTTP,
            });
            using var http = new HttpClient();
            using (var put = await http.PutAsync(putUrl, new StringContent("presigned")))
            {
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            }
            var getUrl = await own.S3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = bucket,
                Key = "p",
                Verb = HttpVerb.GET,
                Expires = DateTime.UtcNow.AddSeconds(60),
                Protocol = Protocol.HTTP,
            });
            Assert.Equal("presigned", await http.GetStringAsync(getUrl));
            var headUrl = await own.S3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = bucket,
                Key = "p",
                Verb = HttpVerb.HEAD,
                Expires = DateTime.UtcNow.AddSeconds(60),
                Protocol = Protocol.HTTP,
            });
            using (var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, headUrl)))
            {
                Assert.Equal(HttpStatusCode.OK, head.StatusCode);
                Assert.Equal(9, head.Content.Headers.ContentLength);
            }

            using (var tampered = await http.GetAsync(getUrl.Replace("/p?", "/q?", StringComparison.Ordinal)))
            {
                Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
                Assert.Equal("SignatureDoesNotMatch", Code(await tampered.Content.ReadAsStringAsync()));
            }

            own.Time.Advance(TimeSpan.FromMinutes(2));
            using var expired = await http.GetAsync(getUrl);
            Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
            var body = await expired.Content.ReadAsStringAsync();
            Assert.Equal("AccessDenied", Code(body));
            Assert.Contains("Request has expired", body, StringComparison.Ordinal);

            var deleteUrl = await own.S3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = bucket,
                Key = "p",
                Verb = HttpVerb.DELETE,
                Expires = DateTime.UtcNow.AddMinutes(10),
                Protocol = Protocol.HTTP,
            });
            using (var delete = await http.DeleteAsync(deleteUrl))
            {
                Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            }
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task KeyRestrictedToPrefix_NeverReachesOutsideIt()
    {
        var bucket = S3Fixture.NewBucketName();
        var bucketId = await fixture.B2.CreateBucketAsync(bucket);
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "private/secret", ContentBody = "no" });
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "public/readme", ContentBody = "yes" });
        var (keyId, secret) = await fixture.CreateKeyAsync(["listBuckets", "listFiles", "readFiles", "writeFiles", "deleteFiles"], bucketId, "public/");
        using var client = fixture.Client(keyId, secret);

        using (var ok = await client.GetObjectAsync(bucket, "public/readme"))
        {
            Assert.Equal("yes", await new StreamReader(ok.ResponseStream).ReadToEndAsync());
        }
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "public/" });
        Assert.Equal(["public/readme"], listed.S3Objects.Select(o => o.Key));

        async Task Denied(Func<Task> call)
        {
            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(call);
            Assert.Equal("AccessDenied", error.ErrorCode);
            Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        }
        await Denied(() => client.GetObjectAsync(bucket, "private/secret"));
        var head = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetObjectMetadataAsync(bucket, "private/secret"));
        Assert.Equal(HttpStatusCode.Forbidden, head.StatusCode);
        await Denied(() => client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "private/new", ContentBody = "x" }));
        await Denied(() => client.DeleteObjectAsync(bucket, "private/secret"));
        await Denied(() => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }));
        await Denied(() => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "private/" }));
        await Denied(() => client.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Prefix = "pri" }));
        await Denied(() => client.CopyObjectAsync(bucket, "private/secret", bucket, "public/stolen"));
        await Denied(() => client.CopyObjectAsync(bucket, "public/readme", bucket, "private/planted"));
        await Denied(() => client.InitiateMultipartUploadAsync(bucket, "private/big"));
        var deleted = await ObjectTests.DeleteObjectsAsync(client, new DeleteObjectsRequest { BucketName = bucket, Objects = [new KeyVersion { Key = "private/secret" }] });
        Assert.Equal("AccessDenied", Assert.Single(deleted.DeleteErrors).Code);

        // Nothing outside the prefix changed.
        using var still = await fixture.S3.GetObjectAsync(bucket, "private/secret");
        Assert.Equal("no", await new StreamReader(still.ResponseStream).ReadToEndAsync());
        var all = await fixture.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal(["private/secret", "public/readme"], all.S3Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task Presigned_ExpiresOverAWeek_AuthorizationQueryParametersError()
    {
        var url = await fixture.S3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "bbb",
            Key = "k",
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.AddDays(6),
            Protocol = Protocol.HTTP,
        });
        var tooLong = System.Text.RegularExpressions.Regex.Replace(url, "X-Amz-Expires=[0-9]+", "X-Amz-Expires=604801");
        using var http = new HttpClient();
        using var response = await http.GetAsync(tooLong);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("AuthorizationQueryParametersError", Code(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task TamperedSignedBody_XAmzContentSha256Mismatch()
    {
        // A hand-made request: the header claims the SHA-256 of other bytes. The signature covers the claim, so only
        // the body check can catch it: sign with the SDK's presigner would not send the header, so use a wrong hash
        // with a correct signature computed by the SDK over a ContentBody, then swap the body in a handler.
        var bucket = S3Fixture.NewBucketName();
        await fixture.S3.PutBucketAsync(bucket);
        var config = new AmazonS3Config { ServiceURL = fixture.Server.BaseUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };
        config.HttpClientFactory = new SwappingFactory();
        using var client = new AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials(fixture.KeyId, fixture.Secret), config);
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "t",
            ContentBody = "original",
            UseChunkEncoding = false,
            ChecksumAlgorithm = null,
        }));
        Assert.Equal("XAmzContentSHA256Mismatch", error.ErrorCode);
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.GetObjectAsync(bucket, "t"));
        Assert.Equal("NoSuchKey", missing.ErrorCode);
    }

    internal static string Code(string xml) => XElement.Parse(xml).Element("Code")!.Value;

    /// <summary>Swaps a signed PUT's body for other bytes of the same length after the SDK signed it.</summary>
    private sealed class SwappingFactory : Amazon.Runtime.HttpClientFactory
    {
        public override HttpClient CreateHttpClient(Amazon.Runtime.IClientConfig clientConfig) => new(new SwappingHandler());
    }

    private sealed class SwappingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Put && request.Content is not null)
            {
                var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
                var swapped = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(new string('x', bytes.Length)));
                foreach (var header in request.Content.Headers)
                {
                    swapped.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
                request.Content = swapped;
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
