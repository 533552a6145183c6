using Cairn.S3.Xml;

namespace Cairn.S3.Buckets;

/// <summary>GET /{bucket}?versioning: always Enabled, as in B2, where every upload is a new version.</summary>
public static class GetBucketVersioning
{
    public static async Task HandleAsync(S3Call call)
    {
        await HeadBucket.RequireVisibleAsync(call);
        await S3Xml.WriteAsync(call.Http, S3Xml.E("VersioningConfiguration", S3Xml.E("Status", "Enabled")));
    }
}
