using Cairn.B2.Encryption;
using Cairn.B2.Wire;
using Cairn.Core.Buckets;

namespace Cairn.B2.Buckets;

/// <summary>b2_create_bucket.</summary>
public static class CreateBucket
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var request = call.Request;
        var bucket = await call.Service<BucketService>().CreateAsync(principal, request.RequiredString("accountId"), new NewBucket
        {
            BucketName = request.RequiredString("bucketName"),
            BucketType = request.RequiredString("bucketType"),
            BucketInfo = BucketSettingsParser.BucketInfo(request),
            CorsRulesJson = BucketSettingsParser.CorsRules(request),
            LifecycleRules = BucketSettingsParser.LifecycleRules(request),
            FileLockEnabled = request.Bool("fileLockEnabled") ?? false,
            DefaultRetention = BucketSettingsParser.DefaultRetention(request).Retention,
            ReplicationConfigurationJson = BucketSettingsParser.ReplicationConfiguration(request),
            DefaultServerSideEncryption = SseWire.BucketDefaultFromJson(request),
        }, call.Aborted);
        await call.WriteAsync(B2Mapper.ToResponse(bucket, principal), B2JsonContext.Default.BucketResponse);
    }
}
