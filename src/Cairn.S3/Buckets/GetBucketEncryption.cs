using Cairn.Core.Buckets;
using Cairn.Core.Encryption;
using Cairn.S3.Xml;

namespace Cairn.S3.Buckets;

/// <summary>
/// GET /{bucket}?encryption: the bucket's default encryption, SSE-B2 as <c>AES256</c>; 404
/// ServerSideEncryptionConfigurationNotFoundError when new files are not encrypted by default. Needs readBucketEncryption.
/// </summary>
public static class GetBucketEncryption
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await HeadBucket.RequireVisibleAsync(call);
        BucketVisibility.RequireEncryption(call.Principal, bucket);
        if (bucket.DefaultServerSideEncryption is null)
        {
            throw new S3Exception(404, S3ErrorCodes.ServerSideEncryptionConfigurationNotFound, "The server side encryption configuration was not found");
        }
        await S3Xml.WriteAsync(call.Http, S3Xml.E("ServerSideEncryptionConfiguration",
            S3Xml.E("Rule", S3Xml.E("ApplyServerSideEncryptionByDefault", S3Xml.E("SSEAlgorithm", SseModes.Aes256)))));
    }
}
