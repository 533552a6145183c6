using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Objects;

public sealed class ObjectTests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    private async Task<string> NewBucketAsync()
    {
        var name = S3Fixture.NewBucketName();
        await fixture.S3.PutBucketAsync(name);
        return name;
    }

    [Fact]
    public async Task PutObject_ThenGetObject_RoundTripsBytesMetadataAndMd5ETag()
    {
        var bucket = await NewBucketAsync();
        var content = RandomNumberGenerator.GetBytes(100_000);
        var put = new PutObjectRequest { BucketName = bucket, Key = "dir/file one.bin", InputStream = new MemoryStream(content), ContentType = "application/x-test" };
        put.Metadata.Add("color", "blue");
        put.Headers.ContentDisposition = "attachment; filename=\"x.bin\"";
        var putResponse = await fixture.S3.PutObjectAsync(put);
        var md5 = Convert.ToHexStringLower(MD5.HashData(content));
        Assert.Equal($"\"{md5}\"", putResponse.ETag);
        Assert.False(string.IsNullOrEmpty(putResponse.VersionId));

        using var get = await fixture.S3.GetObjectAsync(bucket, "dir/file one.bin");
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        Assert.Equal($"\"{md5}\"", get.ETag);
        Assert.Equal("application/x-test", get.Headers.ContentType);
        Assert.Equal("blue", get.Metadata["color"]);
        Assert.Equal("attachment; filename=\"x.bin\"", get.Headers.ContentDisposition);
        Assert.Equal(putResponse.VersionId, get.VersionId);
    }

    [Fact]
    public async Task PutObject_SeveralMegabytes_StreamsWithDefaultChecksums()
    {
        var bucket = await NewBucketAsync();
        var content = RandomNumberGenerator.GetBytes(6 * 1024 * 1024 + 17);
        var put = await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "big", InputStream = new MemoryStream(content) });
        Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(content))}\"", put.ETag);
        using var get = await fixture.S3.GetObjectAsync(bucket, "big");
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task GetObject_ResponseOverrideNotAHeaderValue_400NotA500()
    {
        // Found by the S3 fuzz: a non-ASCII response-cache-control made Kestrel refuse the header and the GET answer 500.
        var bucket = await NewBucketAsync();
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "o", ContentBody = "body" });
        var request = new GetObjectRequest { BucketName = bucket, Key = "o" };
        request.ResponseHeaderOverrides.CacheControl = "r\u00e9sum\u00e9";
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.GetObjectAsync(request));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        request.ResponseHeaderOverrides.CacheControl = "max-age=60";
        using var get = await fixture.S3.GetObjectAsync(request);
        Assert.Equal("max-age=60", get.Headers.CacheControl);
    }

    [Fact]
    public async Task GetObject_Range_Returns206WithContentRange()
    {
        var bucket = await NewBucketAsync();
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "r", ContentBody = "0123456789" });
        using var get = await fixture.S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "r", ByteRange = new ByteRange(2, 5) });
        Assert.Equal(HttpStatusCode.PartialContent, get.HttpStatusCode);
        Assert.Equal("bytes 2-5/10", get.ContentRange);
        Assert.Equal("2345", await new StreamReader(get.ResponseStream).ReadToEndAsync());

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "r", ByteRange = new ByteRange(20, 30) }));
        Assert.Equal("InvalidRange", error.ErrorCode);
    }

    [Fact]
    public async Task GetObject_IfNoneMatch_304_IfMatchOther_PreconditionFailed()
    {
        var bucket = await NewBucketAsync();
        var put = await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "c", ContentBody = "cond" });
        var notModified = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "c", EtagToNotMatch = put.ETag }));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        var failed = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "c", EtagToMatch = "\"0000\"" }));
        Assert.Equal("PreconditionFailed", failed.ErrorCode);
    }

    [Fact]
    public async Task HeadObject_Missing_404_GetObject_Missing_NoSuchKey()
    {
        var bucket = await NewBucketAsync();
        var head = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.GetObjectMetadataAsync(bucket, "nothing"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        var get = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.GetObjectAsync(bucket, "nothing"));
        Assert.Equal("NoSuchKey", get.ErrorCode);
        var noBucket = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.GetObjectAsync("no-such-bucket-s3", "x"));
        Assert.Equal("NoSuchBucket", noBucket.ErrorCode);
    }

    [Fact]
    public async Task HeadObject_ReturnsLengthETagAndMetadata()
    {
        var bucket = await NewBucketAsync();
        var put = new PutObjectRequest { BucketName = bucket, Key = "h", ContentBody = "hello" };
        put.Metadata.Add("n", "1");
        await fixture.S3.PutObjectAsync(put);
        var head = await fixture.S3.GetObjectMetadataAsync(bucket, "h");
        Assert.Equal(5, head.ContentLength);
        Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("hello")))}\"", head.ETag);
        Assert.Equal("1", head.Metadata["n"]);
    }

    [Fact]
    public async Task DeleteObject_WithoutVersion_HidesIt_WithVersion_DeletesThatVersion()
    {
        var bucket = await NewBucketAsync();
        var first = await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "d", ContentBody = "one" });
        var second = await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "d", ContentBody = "two" });

        var hidden = await fixture.S3.DeleteObjectAsync(bucket, "d");
        Assert.Equal("true", hidden.DeleteMarker);
        var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.GetObjectAsync(bucket, "d"));
        Assert.Equal("NoSuchKey", gone.ErrorCode);

        using (var old = await fixture.S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "d", VersionId = first.VersionId }))
        {
            Assert.Equal("one", await new StreamReader(old.ResponseStream).ReadToEndAsync());
        }
        await fixture.S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "d", VersionId = hidden.VersionId });
        using (var back = await fixture.S3.GetObjectAsync(bucket, "d"))
        {
            Assert.Equal("two", await new StreamReader(back.ResponseStream).ReadToEndAsync());
        }
        await fixture.S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "d", VersionId = second.VersionId });
        using (var previous = await fixture.S3.GetObjectAsync(bucket, "d"))
        {
            Assert.Equal("one", await new StreamReader(previous.ResponseStream).ReadToEndAsync());
        }
        var missing = await fixture.S3.DeleteObjectAsync(bucket, "never-there");
        Assert.Equal(HttpStatusCode.NoContent, missing.HttpStatusCode);
    }

    [Fact]
    public async Task ListObjectsV2_PrefixDelimiterPagingAndStartAfter()
    {
        var bucket = await NewBucketAsync();
        foreach (var key in new[] { "a/1", "a/2", "b/1", "c", "d", "e" })
        {
            await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key });
        }
        var folders = await fixture.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Delimiter = "/" });
        Assert.Equal(["a/", "b/"], folders.CommonPrefixes);
        Assert.Equal(["c", "d", "e"], folders.S3Objects.Select(o => o.Key));

        var keys = new List<string>();
        string? token = null;
        for (var page = 0; page < 10; page++)
        {
            var response = await fixture.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 2, ContinuationToken = token });
            keys.AddRange(response.S3Objects.Select(o => o.Key));
            Assert.True(response.KeyCount <= 2);
            if (response.IsTruncated != true)
            {
                break;
            }
            token = response.NextContinuationToken;
        }
        Assert.Equal(["a/1", "a/2", "b/1", "c", "d", "e"], keys);

        var after = await fixture.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, StartAfter = "b/1" });
        Assert.Equal(["c", "d", "e"], after.S3Objects.Select(o => o.Key));
        var prefixed = await fixture.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "a/" });
        Assert.Equal(["a/1", "a/2"], prefixed.S3Objects.Select(o => o.Key));
        Assert.Equal(3, prefixed.S3Objects[0].Size);
    }

    [Fact]
    public async Task ListObjects_V1_MarkerPages()
    {
        var bucket = await NewBucketAsync();
        foreach (var key in new[] { "k1", "k2", "k3" })
        {
            await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key });
        }
        var first = await fixture.S3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, MaxKeys = 2 });
        Assert.Equal(["k1", "k2"], first.S3Objects.Select(o => o.Key));
        Assert.True(first.IsTruncated);
        var second = await fixture.S3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Marker = "k2" });
        Assert.Equal(["k3"], second.S3Objects.Select(o => o.Key));
        Assert.False(second.IsTruncated);
    }

    [Fact]
    public async Task ListObjectVersions_NewestFirst_DeleteMarkers_AndExclusiveMarkersPage()
    {
        var bucket = await NewBucketAsync();
        var a1 = await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "1" });
        var a2 = await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "22" });
        var hidden = await fixture.S3.DeleteObjectAsync(bucket, "a");
        var b1 = await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "b", ContentBody = "333" });

        var all = await fixture.S3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket });
        Assert.Equal([hidden.VersionId, a2.VersionId, a1.VersionId, b1.VersionId], all.Versions.Select(v => v.VersionId));
        Assert.Equal([true, false, false, true], all.Versions.Select(v => v.IsLatest ?? false));
        Assert.Equal([true, false, false, false], all.Versions.Select(v => v.IsDeleteMarker ?? false));
        Assert.Equal(2, all.Versions[1].Size);

        var seen = new List<string>();
        string? keyMarker = null, versionMarker = null;
        for (var page = 0; page < 10; page++)
        {
            var response = await fixture.S3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, MaxKeys = 1, KeyMarker = keyMarker, VersionIdMarker = versionMarker });
            seen.AddRange(response.Versions.Select(v => v.VersionId));
            if (response.IsTruncated != true)
            {
                break;
            }
            (keyMarker, versionMarker) = (response.NextKeyMarker, response.NextVersionIdMarker);
        }
        Assert.Equal(all.Versions.Select(v => v.VersionId), seen);

        var afterA = await fixture.S3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, KeyMarker = "a" });
        Assert.Equal([b1.VersionId], afterA.Versions.Select(v => v.VersionId));
    }

    [Fact]
    public async Task HeadObject_Missing_LeavesTheConnectionUsable()
    {
        // A bodiless 404 must reach the client as written: nothing else may follow it on the kept-alive connection.
        var bucket = await NewBucketAsync();
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "here", ContentBody = "here" });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1 };
        using var http = new HttpClient(handler);
        for (var round = 0; round < 5; round++)
        {
            var headUrl = await fixture.S3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = bucket,
                Key = "absent",
                Verb = HttpVerb.HEAD,
                Expires = DateTime.UtcNow.AddMinutes(5),
                Protocol = Protocol.HTTP,
            });
            using (var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, headUrl)))
            {
                Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
            }
            var getUrl = await fixture.S3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = bucket,
                Key = "here",
                Verb = HttpVerb.GET,
                Expires = DateTime.UtcNow.AddMinutes(5),
                Protocol = Protocol.HTTP,
            });
            Assert.Equal("here", await http.GetStringAsync(getUrl));
        }
    }

    /// <summary>DeleteObjects' answer, also when the SDK turns per-key errors into a DeleteObjectsException.</summary>
    internal static async Task<DeleteObjectsResponse> DeleteObjectsAsync(IAmazonS3 client, DeleteObjectsRequest request)
    {
        try
        {
            return await client.DeleteObjectsAsync(request);
        }
        catch (DeleteObjectsException e)
        {
            return e.Response;
        }
    }
}
