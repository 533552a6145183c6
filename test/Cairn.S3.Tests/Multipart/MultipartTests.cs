using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Multipart;

/// <summary>Multipart uploads as B2 large files: create, upload part, list, complete, abort, copy a part.</summary>
public sealed class MultipartTests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    private const int PartSize = 5 * 1024 * 1024;

    private async Task<(string Name, string Id)> NewBucketAsync()
    {
        var name = S3Fixture.NewBucketName();
        return (name, await fixture.B2.CreateBucketAsync(name));
    }

    [Fact]
    public async Task Multipart_CreateUploadListComplete_IsALargeFileInB2()
    {
        var (bucket, bucketId) = await NewBucketAsync();
        var content = RandomNumberGenerator.GetBytes(2 * PartSize + 1234);
        var init = await fixture.S3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "big.bin", ContentType = "application/x-big" });

        var unfinished = await fixture.B2.CallAsync("b2_list_unfinished_large_files", new { bucketId });
        Assert.Equal(init.UploadId, unfinished.GetProperty("files").EnumerateArray().Single().GetProperty("fileId").GetString());
        var uploads = await fixture.S3.ListMultipartUploadsAsync(bucket);
        Assert.Equal(init.UploadId, Assert.Single(uploads.MultipartUploads).UploadId);

        var etags = new List<PartETag>();
        for (var i = 0; i < 3; i++)
        {
            var length = Math.Min(PartSize, content.Length - i * PartSize);
            var part = await fixture.S3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket,
                Key = "big.bin",
                UploadId = init.UploadId,
                PartNumber = i + 1,
                InputStream = new MemoryStream(content, i * PartSize, length),
            });
            Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(content.AsSpan(i * PartSize, length)))}\"", part.ETag);
            etags.Add(new PartETag(i + 1, part.ETag));
        }
        var parts = await fixture.S3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = "big.bin", UploadId = init.UploadId });
        Assert.Equal([1, 2, 3], parts.Parts.Select(p => p.PartNumber ?? 0));
        Assert.Equal(1234, parts.Parts[2].Size);

        var complete = await fixture.S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "big.bin",
            UploadId = init.UploadId,
            PartETags = etags,
        });
        Assert.EndsWith("-1\"", complete.ETag, StringComparison.Ordinal);
        Assert.Equal(init.UploadId, complete.VersionId);

        using (var get = await fixture.S3.GetObjectAsync(bucket, "big.bin"))
        {
            Assert.Equal(complete.ETag, get.ETag);
            Assert.Equal("application/x-big", get.Headers.ContentType);
            using var copy = new MemoryStream();
            await get.ResponseStream.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }
        using var b2 = await fixture.B2.DownloadAsync($"file/{bucket}/big.bin");
        Assert.Equal(content, await b2.Content.ReadAsByteArrayAsync());
        Assert.Equal(init.UploadId, b2.Headers.GetValues("x-bz-file-id").Single());
        Assert.Empty((await fixture.B2.CallAsync("b2_list_unfinished_large_files", new { bucketId })).GetProperty("files").EnumerateArray());
    }

    [Fact]
    public async Task Multipart_Abort_ThenNoSuchUpload_AndWrongETag_InvalidPart()
    {
        var (bucket, _) = await NewBucketAsync();
        var init = await fixture.S3.InitiateMultipartUploadAsync(bucket, "x");
        await fixture.S3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket,
            Key = "x",
            UploadId = init.UploadId,
            PartNumber = 1,
            InputStream = new MemoryStream("tiny"u8.ToArray()),
        });
        var wrong = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "x",
            UploadId = init.UploadId,
            PartETags = [new PartETag(1, "\"0123456789abcdef0123456789abcdef\"")],
        }));
        Assert.Equal("InvalidPart", wrong.ErrorCode);

        await fixture.S3.AbortMultipartUploadAsync(bucket, "x", init.UploadId);
        var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = "x", UploadId = init.UploadId }));
        Assert.Equal("NoSuchUpload", gone.ErrorCode);
        var again = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.AbortMultipartUploadAsync(bucket, "x", init.UploadId));
        Assert.Equal("NoSuchUpload", again.ErrorCode);
        var bogus = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket,
            Key = "x",
            UploadId = "not-an-upload",
            PartNumber = 1,
            InputStream = new MemoryStream([1]),
        }));
        Assert.Equal("NoSuchUpload", bogus.ErrorCode);
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.GetObjectMetadataAsync(bucket, "x"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task UploadPartCopy_WithRange_ThenComplete()
    {
        var (bucket, _) = await NewBucketAsync();
        var source = RandomNumberGenerator.GetBytes(PartSize + 100);
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "source", InputStream = new MemoryStream(source) });
        var init = await fixture.S3.InitiateMultipartUploadAsync(bucket, "assembled");
        var first = await fixture.S3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket,
            SourceKey = "source",
            DestinationBucket = bucket,
            DestinationKey = "assembled",
            UploadId = init.UploadId,
            PartNumber = 1,
            FirstByte = 0,
            LastByte = PartSize - 1,
        });
        var second = await fixture.S3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket,
            SourceKey = "source",
            DestinationBucket = bucket,
            DestinationKey = "assembled",
            UploadId = init.UploadId,
            PartNumber = 2,
            FirstByte = 0,
            LastByte = 9,
        });
        await fixture.S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "assembled",
            UploadId = init.UploadId,
            PartETags = [new PartETag(1, first.ETag), new PartETag(2, second.ETag)],
        });
        using var get = await fixture.S3.GetObjectAsync(bucket, "assembled");
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal([.. source.AsSpan(0, PartSize), .. source.AsSpan(0, 10)], copy.ToArray());
    }

    [Fact]
    public async Task TransferUtility_UploadsInParts_AndDownloadsTheSameBytes()
    {
        var (bucket, _) = await NewBucketAsync();
        var content = RandomNumberGenerator.GetBytes(3 * PartSize + 77);
        using var transfer = new TransferUtility(fixture.S3, new TransferUtilityConfig { MinSizeBeforePartUpload = PartSize, ConcurrentServiceRequests = 2 });
        await transfer.UploadAsync(new TransferUtilityUploadRequest { BucketName = bucket, Key = "tu.bin", InputStream = new MemoryStream(content), PartSize = PartSize });
        using var get = await fixture.S3.GetObjectAsync(bucket, "tu.bin");
        Assert.EndsWith("-1\"", get.ETag, StringComparison.Ordinal);
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
    }
}
