using Cairn.B2.Wire;
using Cairn.Core.Buckets;

namespace Cairn.B2.Buckets;

/// <summary>b2_list_buckets: all of the account's buckets, or the one named by bucketId or bucketName.</summary>
public static class ListBuckets
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var request = call.Request;
        var buckets = await call.Service<BucketService>().ListAsync(principal, request.RequiredString("accountId"),
            request.String("bucketId"), request.String("bucketName"), request.StringArray("bucketTypes"),
            filterToScope: call.Version == 1, call.Aborted);
        await call.WriteAsync(new ListBucketsResponse(buckets.Select(b => B2Mapper.ToResponse(b, principal)).ToList()),
            B2JsonContext.Default.ListBucketsResponse);
    }
}
