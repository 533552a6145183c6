using Cairn.Core.Buckets;
using Cairn.Core.Encryption;
using Cairn.S3.Xml;

namespace Cairn.S3.Buckets;

/// <summary>
/// PUT /{bucket}?encryption: <c>AES256</c> makes SSE-B2 the bucket's default (b2_update_bucket's
/// defaultServerSideEncryption; Core asks for writeBucketEncryption). KMS is not offered by B2.
/// </summary>
public static class PutBucketEncryption
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var configuration = await S3Xml.ReadAsync(call) ?? throw S3Exception.MalformedXml();
        var algorithms = S3Xml.Children(configuration, "Rule")
            .SelectMany(rule => S3Xml.Children(rule, "ApplyServerSideEncryptionByDefault"))
            .Select(apply => S3Xml.Child(apply, "SSEAlgorithm"))
            .ToList();
        if (configuration.Name.LocalName != "ServerSideEncryptionConfiguration" || algorithms.Count != 1)
        {
            throw S3Exception.MalformedXml();
        }
        if (algorithms[0] != SseModes.Aes256)
        {
            throw S3Exception.InvalidArgument($"The server-side encryption algorithm {algorithms[0]} is not supported; use {SseModes.Aes256}");
        }
        await call.Service<BucketService>().UpdateAsync(call.Principal, call.Principal.AccountId, bucket.BucketId,
            new BucketChanges { DefaultServerSideEncryption = SseModes.SseB2 }, call.Aborted);
        call.Http.Response.ContentLength = 0;
    }
}
