using System.Net;
using System.Text.Json;
using Amazon.S3;

namespace Cairn.S3.Tests.Support;

/// <summary>Small helpers shared by the S3 tests: an expected S3 error, and a bucket as B2 shows it.</summary>
public static class S3Assert
{
    /// <summary>The call fails with <paramref name="code"/> and <paramref name="status"/>.</summary>
    public static async Task<AmazonS3Exception> FailsAsync(string code, HttpStatusCode status, Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(call);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
        return error;
    }

    /// <summary>The bucket as b2_list_buckets returns it to the fixture's master session.</summary>
    public static async Task<JsonElement> B2BucketAsync(S3Fixture fixture, string bucketName)
    {
        var listed = await fixture.B2.CallAsync("b2_list_buckets", new { accountId = fixture.B2.AccountId, bucketName });
        return listed.GetProperty("buckets").EnumerateArray().Single();
    }
}
