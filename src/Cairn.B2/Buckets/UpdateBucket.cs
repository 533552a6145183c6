using Cairn.B2.Encryption;
using Cairn.B2.Wire;
using Cairn.Core.Buckets;

namespace Cairn.B2.Buckets;

/// <summary>b2_update_bucket: omitted or null settings stay as they are; ifRevisionIs guards concurrent updates.</summary>
public static class UpdateBucket
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var request = call.Request;
        var (setsRetention, retention) = BucketSettingsParser.DefaultRetention(request);
        var bucket = await call.Service<BucketService>().UpdateAsync(principal, request.RequiredString("accountId"), request.RequiredString("bucketId"), new BucketChanges
        {
            BucketType = request.String("bucketType"),
            BucketInfo = BucketSettingsParser.BucketInfo(request),
            CorsRulesJson = BucketSettingsParser.CorsRules(request),
            LifecycleRules = BucketSettingsParser.LifecycleRules(request),
            FileLockEnabled = request.Bool("fileLockEnabled"),
            SetsDefaultRetention = setsRetention,
            DefaultRetention = retention,
            ReplicationConfigurationJson = BucketSettingsParser.ReplicationConfiguration(request),
            DefaultServerSideEncryption = SseWire.BucketDefaultFromJson(request),
            IfRevisionIs = request.Long("ifRevisionIs"),
        }, call.Aborted);
        await call.WriteAsync(B2Mapper.ToResponse(bucket, principal), B2JsonContext.Default.BucketResponse);
    }
}
