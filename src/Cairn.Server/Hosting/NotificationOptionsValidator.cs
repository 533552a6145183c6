using Cairn.Core.Notifications;

namespace Cairn.Server.Hosting;

/// <summary>Checks the delivery settings (<c>Cairn:Notifications</c>) once, at start-up.</summary>
public static class NotificationOptionsValidator
{
    public static void ThrowIfInvalid(NotificationOptions options)
    {
        if (options.PollInterval < TimeSpan.Zero)
        {
            throw new InvalidOperationException("Cairn:Notifications:PollInterval must not be negative (zero disables delivery).");
        }
        if (options.WebhookTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Cairn:Notifications:WebhookTimeout must be positive.");
        }
        if (options.LeaseDuration <= options.WebhookTimeout)
        {
            throw new InvalidOperationException("Cairn:Notifications:LeaseDuration must exceed WebhookTimeout.");
        }
        if (options.InitialBackoff < TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            throw new InvalidOperationException("Cairn:Notifications:InitialBackoff must not be negative nor exceed MaxBackoff.");
        }
        if (options.MaxAttempts < 1 || options.MaxEventsPerPass < 1)
        {
            throw new InvalidOperationException("Cairn:Notifications:MaxAttempts and MaxEventsPerPass must be at least 1.");
        }
    }
}
