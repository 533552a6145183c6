using Cairn.Core.Buckets;
using Cairn.S3.Xml;

namespace Cairn.S3.Buckets;

/// <summary>GET /: the buckets the key may see (a bucket-restricted key sees its own, or all with listAllBucketNames).</summary>
public static class ListBuckets
{
    public static async Task HandleAsync(S3Call call)
    {
        var buckets = await call.Service<BucketService>().ListAsync(call.Principal, call.Principal.AccountId, null, null, null, filterToScope: true, call.Aborted);
        await S3Xml.WriteAsync(call.Http, S3Xml.E("ListAllMyBucketsResult",
            S3Xml.E("Owner", S3Xml.E("ID", call.Principal.AccountId), S3Xml.E("DisplayName", call.Principal.AccountId)),
            S3Xml.E("Buckets", buckets.OrderBy(b => b.BucketName, StringComparer.Ordinal).Select(b =>
                S3Xml.E("Bucket", S3Xml.E("Name", b.BucketName), S3Xml.E("CreationDate", S3Xml.Timestamp(b.CreatedAt)))))));
    }
}
