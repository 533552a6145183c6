using Cairn.Core.Notifications;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Hosting;

/// <summary>Checks the delivery settings (<c>Cairn:Notifications</c>) once, at start-up.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.PollInterval < TimeSpan.Zero)
        {
            failures.Add("Cairn:Notifications:PollInterval must not be negative (zero disables delivery).");
        }
        if (options.WebhookTimeout <= TimeSpan.Zero)
        {
            failures.Add("Cairn:Notifications:WebhookTimeout must be positive.");
        }
        if (options.LeaseDuration <= options.WebhookTimeout)
        {
            failures.Add("Cairn:Notifications:LeaseDuration must exceed WebhookTimeout.");
        }
        if (options.InitialBackoff < TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            failures.Add("Cairn:Notifications:InitialBackoff must not be negative nor exceed MaxBackoff.");
        }
        if (options.MaxAttempts < 1 || options.MaxEventsPerPass < 1)
        {
            failures.Add("Cairn:Notifications:MaxAttempts and MaxEventsPerPass must be at least 1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
