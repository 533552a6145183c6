using Cairn.B2.Wire;
using Cairn.Core.Buckets;

namespace Cairn.B2.Buckets;

/// <summary>b2_delete_bucket: refused while the bucket holds any version.</summary>
public static class DeleteBucket
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var request = call.Request;
        var bucket = await call.Service<BucketService>().DeleteAsync(principal, request.RequiredString("accountId"), request.RequiredString("bucketId"), call.Aborted);
        await call.WriteAsync(B2Mapper.ToResponse(bucket, principal), B2JsonContext.Default.BucketResponse);
    }
}
