using Cairn.S3.Xml;

namespace Cairn.S3.Buckets;

/// <summary>GET /{bucket}?cors: the bucket's CORS rules (<see cref="CorsXml"/>); 404 NoSuchCORSConfiguration when it has none.</summary>
public static class GetBucketCors
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await HeadBucket.RequireVisibleAsync(call);
        var configuration = CorsXml.FromBucket(bucket)
            ?? throw new S3Exception(404, S3ErrorCodes.NoSuchCorsConfiguration, "The CORS configuration does not exist");
        await S3Xml.WriteAsync(call.Http, configuration);
    }
}
