using Cairn.B2.Wire;
using Cairn.Core.Notifications;

namespace Cairn.B2.Notifications;

/// <summary>b2_set_bucket_notification_rules: the list sent replaces the bucket's rules (an empty list removes them all).</summary>
public static class SetBucketNotificationRules
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var bucketId = call.Request.RequiredString("bucketId");
        var rules = NotificationRulesParser.Parse(call.Request);
        var stored = await call.Service<NotificationService>().SetRulesAsync(principal, bucketId, rules, call.Aborted);
        await call.WriteAsync(new BucketNotificationRulesResponse(bucketId, stored.Select(NotificationRulesParser.ToResponse).ToList()),
            B2JsonContext.Default.BucketNotificationRulesResponse);
    }
}
