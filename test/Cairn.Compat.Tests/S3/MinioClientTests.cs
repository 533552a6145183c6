using System.Security.Cryptography;
using System.Text;
using Cairn.Testing;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.S3;

/// <summary>
/// The MinIO .NET client (NuGet Minio 7.0.0): bucket, put, stat, get, list, a multipart put (it sends a 12 MiB object
/// as one part, which S3 completes and b2_finish_large_file would refuse), remove.
/// </summary>
public sealed class MinioClientTests(ITestOutputHelper output) : CompatTest(output)
{
    protected override Task<CairnServer> StartServerAsync() => CairnServer.StartAsync(settings: FiveMegabyteParts);

    [Fact]
    public async Task Minio_PutGetListMultipartRemove_RoundTrip()
    {
        var (keyId, secret) = await S3Keys.CreateAsync(Server);
        var uri = new Uri(Server.BaseUrl);
        using var minio = (MinioClient)new MinioClient().WithEndpoint(uri.Host, uri.Port).WithCredentials(keyId, secret).WithRegion("us-east-1").WithSSL(false).Build();

        await minio.MakeBucketAsync(new MakeBucketArgs().WithBucket(BucketName));
        Assert.True(await minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(BucketName)));

        var small = Encoding.UTF8.GetBytes("hello from the MinIO .NET client");
        using (var stream = new MemoryStream(small))
        {
            await minio.PutObjectAsync(new PutObjectArgs().WithBucket(BucketName).WithObject("minio/small.txt").WithStreamData(stream)
                .WithObjectSize(small.Length).WithContentType("text/plain").WithHeaders(new Dictionary<string, string> { ["x-amz-meta-author"] = "minio" }));
        }
        // Over 5 MiB: the client takes its multipart path, here with the whole object as one part (S3 completes that).
        var large = RandomNumberGenerator.GetBytes((12 * 1024 * 1024) + 5);
        using (var stream = new MemoryStream(large))
        {
            await minio.PutObjectAsync(new PutObjectArgs().WithBucket(BucketName).WithObject("minio/large.bin").WithStreamData(stream).WithObjectSize(large.Length));
        }

        var stat = await minio.StatObjectAsync(new StatObjectArgs().WithBucket(BucketName).WithObject("minio/small.txt"));
        Assert.Equal(small.Length, stat.Size);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(small)), stat.ETag.Trim('"'));
        Assert.Equal("text/plain", stat.ContentType);
        var largeStat = await minio.StatObjectAsync(new StatObjectArgs().WithBucket(BucketName).WithObject("minio/large.bin"));
        Assert.Contains("-", largeStat.ETag, StringComparison.Ordinal);

        Assert.Equal(small, await GetAsync(minio, "minio/small.txt"));
        Assert.Equal(SHA256.HashData(large), SHA256.HashData(await GetAsync(minio, "minio/large.bin")));

        var listed = new List<string>();
        await foreach (var item in minio.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(BucketName).WithPrefix("minio/").WithRecursive(true)))
        {
            listed.Add(item.Key);
        }
        Assert.Equal(["minio/large.bin", "minio/small.txt"], listed);

        await minio.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(BucketName).WithObject("minio/small.txt"));
        await Assert.ThrowsAnyAsync<MinioException>(() => minio.StatObjectAsync(new StatObjectArgs().WithBucket(BucketName).WithObject("minio/small.txt")));
        var after = new List<string>();
        await foreach (var item in minio.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(BucketName).WithRecursive(true)))
        {
            after.Add(item.Key);
        }
        Assert.Equal(["minio/large.bin"], after);
    }

    private async Task<byte[]> GetAsync(MinioClient minio, string key)
    {
        using var buffer = new MemoryStream();
        await minio.GetObjectAsync(new GetObjectArgs().WithBucket(BucketName).WithObject(key).WithCallbackStream(stream => stream.CopyTo(buffer)));
        return buffer.ToArray();
    }
}
