using Amazon.S3;
using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Auth;

/// <summary>A server whose clock is 20 minutes ahead of the client's: S3 refuses the request as too skewed.</summary>
public sealed class ClockSkewTests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    [Fact]
    public async Task RequestTwentyMinutesOff_403RequestTimeTooSkewed()
    {
        fixture.Time.Advance(TimeSpan.FromMinutes(20));
        Amazon.AWSConfigs.CorrectForClockSkew = false;
        try
        {
            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => fixture.S3.ListBucketsAsync());
            Assert.Equal("RequestTimeTooSkewed", error.ErrorCode);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.StatusCode);
        }
        finally
        {
            Amazon.AWSConfigs.CorrectForClockSkew = true;
        }
    }
}
