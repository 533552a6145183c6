using System.Net;
using System.Security.Cryptography;
using Amazon.S3.Model;
using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Compat;

/// <summary>One model: an object written over S3 is a B2 file version, and a B2 upload is an S3 object.</summary>
public sealed class CrossProtocolTests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    [Fact]
    public async Task PutByS3_ReadByB2DownloadByNameAndListing()
    {
        var bucket = S3Fixture.NewBucketName();
        var bucketId = await fixture.B2.CreateBucketAsync(bucket);
        var content = RandomNumberGenerator.GetBytes(40_000);
        var put = new PutObjectRequest { BucketName = bucket, Key = "from/s3.bin", InputStream = new MemoryStream(content), ContentType = "application/x-s3" };
        put.Metadata.Add("origin", "s3");
        var response = await fixture.S3.PutObjectAsync(put);

        using var download = await fixture.B2.DownloadAsync($"file/{bucket}/from/s3.bin");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("s3", download.Headers.GetValues("x-bz-info-origin").Single());
        Assert.Equal(response.VersionId, download.Headers.GetValues("x-bz-file-id").Single());
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(content)), download.Headers.GetValues("x-bz-content-sha1").Single());

        var versions = await fixture.B2.CallAsync("b2_list_file_versions", new { bucketId });
        var file = versions.GetProperty("files").EnumerateArray().Single();
        Assert.Equal(response.VersionId, file.GetProperty("fileId").GetString());
        Assert.Equal("application/x-s3", file.GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task UploadByB2_ReadByS3_DeleteByS3_IsAHideMarkerInB2()
    {
        var bucket = S3Fixture.NewBucketName();
        var bucketId = await fixture.B2.CreateBucketAsync(bucket);
        var content = RandomNumberGenerator.GetBytes(12_345);
        var uploaded = await fixture.B2.UploadAsync(bucketId, "from/b2.bin", content, "application/x-b2",
            new Dictionary<string, string> { ["X-Bz-Info-origin"] = "b2" });

        using (var get = await fixture.S3.GetObjectAsync(bucket, "from/b2.bin"))
        {
            using var copy = new MemoryStream();
            await get.ResponseStream.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
            Assert.Equal("b2", get.Metadata["origin"]);
            Assert.Equal(uploaded.GetProperty("fileId").GetString(), get.VersionId);
            Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(content))}\"", get.ETag);
        }

        await fixture.S3.DeleteObjectAsync(bucket, "from/b2.bin");
        var versions = await fixture.B2.CallAsync("b2_list_file_versions", new { bucketId });
        Assert.Equal(["hide", "upload"], versions.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("action").GetString()));
    }
}
