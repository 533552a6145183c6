using Cairn.S3.Xml;

namespace Cairn.S3.Buckets;

/// <summary>GET /{bucket}?acl: the bucket's canned ACL (<see cref="CannedAcl"/>) as an &lt;AccessControlPolicy&gt;.</summary>
public static class GetBucketAcl
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await HeadBucket.RequireVisibleAsync(call);
        await S3Xml.WriteAsync(call.Http, CannedAcl.Policy(bucket));
    }
}
