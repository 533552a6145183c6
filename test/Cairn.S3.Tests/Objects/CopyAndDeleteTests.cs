using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Objects;

/// <summary>CopyObject (COPY and REPLACE, across buckets, conditional) and DeleteObjects.</summary>
public sealed class CopyAndDeleteTests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    private async Task<string> NewBucketAsync()
    {
        var name = S3Fixture.NewBucketName();
        await fixture.S3.PutBucketAsync(name);
        return name;
    }

    [Fact]
    public async Task CopyObject_Copy_KeepsMetadata_Replace_TakesTheRequests()
    {
        var source = await NewBucketAsync();
        var target = await NewBucketAsync();
        var content = RandomNumberGenerator.GetBytes(70_000);
        var put = new PutObjectRequest { BucketName = source, Key = "src", InputStream = new MemoryStream(content), ContentType = "application/x-src" };
        put.Metadata.Add("origin", "source");
        var original = await fixture.S3.PutObjectAsync(put);

        var copied = await fixture.S3.CopyObjectAsync(source, "src", target, "dst/copy");
        Assert.Equal(original.ETag, copied.ETag);
        Assert.NotEqual(original.VersionId, copied.VersionId);
        Assert.Equal(original.VersionId, copied.SourceVersionId);
        using (var get = await fixture.S3.GetObjectAsync(target, "dst/copy"))
        {
            Assert.Equal(content, await ReadAllAsync(get.ResponseStream));
            Assert.Equal("application/x-src", get.Headers.ContentType);
            Assert.Equal("source", get.Metadata["origin"]);
        }

        var replace = new CopyObjectRequest
        {
            SourceBucket = source,
            SourceKey = "src",
            DestinationBucket = source,
            DestinationKey = "replaced",
            MetadataDirective = S3MetadataDirective.REPLACE,
            ContentType = "text/x-new",
        };
        replace.Metadata.Add("origin", "replaced");
        await fixture.S3.CopyObjectAsync(replace);
        var head = await fixture.S3.GetObjectMetadataAsync(source, "replaced");
        Assert.Equal("text/x-new", head.Headers.ContentType);
        Assert.Equal("replaced", head.Metadata["origin"]);
        Assert.Equal(content.Length, head.ContentLength);
    }

    [Fact]
    public async Task CopyObject_OlderVersion_AndConditions()
    {
        var bucket = await NewBucketAsync();
        var first = await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "v", ContentBody = "first" });
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "v", ContentBody = "second" });

        await fixture.S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "v",
            SourceVersionId = first.VersionId,
            DestinationBucket = bucket,
            DestinationKey = "old",
        });
        using (var old = await fixture.S3.GetObjectAsync(bucket, "old"))
        {
            Assert.Equal("first", await new StreamReader(old.ResponseStream).ReadToEndAsync());
        }

        var failed = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "v",
            DestinationBucket = bucket,
            DestinationKey = "never",
            ETagToMatch = "\"00000000000000000000000000000000\"",
        }));
        Assert.Equal("PreconditionFailed", failed.ErrorCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, failed.StatusCode);
        var current = await fixture.S3.GetObjectMetadataAsync(bucket, "v");
        await fixture.S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "v",
            DestinationBucket = bucket,
            DestinationKey = "matched",
            ETagToMatch = current.ETag,
        });
        Assert.Equal(current.ETag, (await fixture.S3.GetObjectMetadataAsync(bucket, "matched")).ETag);
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.CopyObjectAsync(bucket, "nothing-here", bucket, "x"));
        Assert.Equal("NoSuchKey", missing.ErrorCode);
    }

    [Fact]
    public async Task DeleteObjects_DeletesEachKey_AndVersions_QuietListsOnlyErrors()
    {
        var bucket = await NewBucketAsync();
        var versions = new Dictionary<string, string>();
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            versions[key] = (await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key })).VersionId;
        }
        var response = await ObjectTests.DeleteObjectsAsync(fixture.S3, new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = [new KeyVersion { Key = "a" }, new KeyVersion { Key = "b", VersionId = versions["b"] }, new KeyVersion { Key = "absent" }],
        });
        Assert.Equal(["a", "absent", "b"], response.DeletedObjects.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Null(response.DeleteErrors?.FirstOrDefault());
        Assert.True(response.DeletedObjects.Single(d => d.Key == "a").DeleteMarker);
        var left = await fixture.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal(["c", "d"], left.S3Objects.Select(o => o.Key));

        var quiet = await ObjectTests.DeleteObjectsAsync(fixture.S3, new DeleteObjectsRequest
        {
            BucketName = bucket,
            Quiet = true,
            Objects = [new KeyVersion { Key = "c" }, new KeyVersion { Key = "d", VersionId = versions["c"] }],
        });
        Assert.Null(quiet.DeletedObjects?.FirstOrDefault());
        var error = Assert.Single(quiet.DeleteErrors);
        Assert.Equal("d", error.Key);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
