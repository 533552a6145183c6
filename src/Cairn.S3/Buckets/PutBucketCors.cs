using Cairn.Core.Buckets;
using Cairn.S3.Xml;

namespace Cairn.S3.Buckets;

/// <summary>PUT /{bucket}?cors: replaces the bucket's CORS rules (b2_update_bucket's corsRules; Core validates them).</summary>
public static class PutBucketCors
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var configuration = await S3Xml.ReadAsync(call) ?? throw S3Exception.MalformedXml();
        var json = CorsXml.ToCorsRulesJson(configuration);
        await call.Service<BucketService>().UpdateAsync(call.Principal, call.Principal.AccountId, bucket.BucketId, new BucketChanges { CorsRulesJson = json }, call.Aborted);
        call.Http.Response.ContentLength = 0;
    }
}
