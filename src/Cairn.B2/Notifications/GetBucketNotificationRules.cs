using Cairn.B2.Wire;
using Cairn.Core.Notifications;

namespace Cairn.B2.Notifications;

/// <summary>b2_get_bucket_notification_rules: the bucket's rules in name order. b2sdk calls it with GET and <c>?bucketId=</c>.</summary>
public static class GetBucketNotificationRules
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var bucketId = call.Request.RequiredString("bucketId");
        var rules = await call.Service<NotificationService>().GetRulesAsync(principal, bucketId, call.Aborted);
        await call.WriteAsync(new BucketNotificationRulesResponse(bucketId, rules.Select(NotificationRulesParser.ToResponse).ToList()),
            B2JsonContext.Default.BucketNotificationRulesResponse);
    }
}
