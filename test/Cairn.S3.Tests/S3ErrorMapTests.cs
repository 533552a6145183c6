using Cairn.Core.Errors;

namespace Cairn.S3.Tests;

public sealed class S3ErrorMapTests
{
    [Fact]
    public void EveryCairnError_HasAnS3Mapping()
    {
        var unmapped = Enum.GetValues<CairnError>()
            .Where(e => e != CairnError.Internal && S3ErrorMap.Map(e).Status == 500)
            .ToList();
        Assert.Empty(unmapped);
        Assert.Equal((500, S3ErrorCodes.InternalError), S3ErrorMap.Map(CairnError.Internal));
    }

    [Fact]
    public void Map_UnknownReason_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => S3ErrorMap.Map((CairnError)(-1)));

    [Theory]
    [InlineData(CairnError.BucketNotFound, 404, "NoSuchBucket")]
    [InlineData(CairnError.NotFound, 404, "NoSuchKey")]
    [InlineData(CairnError.Unauthorized, 403, "AccessDenied")]
    [InlineData(CairnError.BadAuthToken, 403, "InvalidAccessKeyId")]
    [InlineData(CairnError.RangeNotSatisfiable, 416, "InvalidRange")]
    [InlineData(CairnError.BucketNotEmpty, 409, "BucketNotEmpty")]
    [InlineData(CairnError.NoActiveUpload, 404, "NoSuchUpload")]
    [InlineData(CairnError.ServiceUnavailable, 503, "ServiceUnavailable")]
    public void Map_CodesClientsActOn(CairnError error, int status, string code) =>
        Assert.Equal((status, code), S3ErrorMap.Map(error));
}
