using Cairn.S3.Xml;

namespace Cairn.S3.Buckets;

/// <summary>GET /{bucket}?location: the configured region (empty for us-east-1, as S3 answers).</summary>
public static class GetBucketLocation
{
    public static async Task HandleAsync(S3Call call)
    {
        await HeadBucket.RequireVisibleAsync(call);
        var region = call.Service<S3Options>().Region;
        await S3Xml.WriteAsync(call.Http, S3Xml.E("LocationConstraint", region == "us-east-1" ? null : region));
    }
}
