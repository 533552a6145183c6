using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Buckets;

public sealed class BucketTests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    [Fact]
    public async Task CreateBucket_ThenHeadListLocationVersioningDelete()
    {
        var s3 = fixture.S3;
        var name = S3Fixture.NewBucketName();
        await s3.PutBucketAsync(name);

        var head = await s3.HeadBucketAsync(new HeadBucketRequest { BucketName = name });
        Assert.Equal(HttpStatusCode.OK, head.HttpStatusCode);
        var list = await s3.ListBucketsAsync();
        Assert.Contains(list.Buckets, b => b.BucketName == name);
        var location = await s3.GetBucketLocationAsync(name);
        Assert.True(string.IsNullOrEmpty(location.Location?.Value) || location.Location.Value == "us-east-1");
        var versioning = await s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = name });
        Assert.Equal(VersionStatus.Enabled, versioning.VersioningConfig.Status);

        await s3.DeleteBucketAsync(name);
        var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = name }));
        Assert.Equal("NoSuchBucket", gone.ErrorCode);
    }

    [Fact]
    public async Task CreateBucket_Taken_BucketAlreadyExists()
    {
        var name = S3Fixture.NewBucketName();
        await fixture.S3.PutBucketAsync(name);
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.PutBucketAsync(name));
        Assert.Equal("BucketAlreadyExists", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
    }

    [Fact]
    public async Task DeleteBucket_NotEmpty_BucketNotEmpty()
    {
        var name = S3Fixture.NewBucketName();
        await fixture.S3.PutBucketAsync(name);
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = name, Key = "a", ContentBody = "x" });
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.DeleteBucketAsync(name));
        Assert.Equal("BucketNotEmpty", error.ErrorCode);
    }

    [Fact]
    public async Task HeadBucket_Missing_404()
    {
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.HeadBucketAsync(new HeadBucketRequest { BucketName = "no-such-bucket-s3" }));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task UnservedSubresource_NotImplemented()
    {
        var name = S3Fixture.NewBucketName();
        await fixture.S3.PutBucketAsync(name);
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = name }));
        Assert.Equal("NotImplemented", error.ErrorCode);
        Assert.Equal(HttpStatusCode.NotImplemented, error.StatusCode);
    }
}
