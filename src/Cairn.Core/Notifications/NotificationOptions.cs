namespace Cairn.Core.Notifications;

/// <summary>Delivery of event notifications (configuration section <c>Cairn:Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Cairn:Notifications";

    /// <summary>How often the outbox is checked for due events. Default 1 s: events go out about a second after they happen.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one webhook invocation may take before it counts as failed. Default 3 s, the timeout B2 documents
    /// ("Backblaze B2 sets a three-second timeout on the webhook request").
    /// </summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The wait after the first failed attempt; it doubles with every further failure. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts. Default 10 minutes.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Failed attempts of one batch after which its rule is suspended and its queued events dropped. Default 12:
    /// with the default backoff that is about an hour of failures.
    /// </summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>
    /// Accept plain-http webhook URLs for any host. Default false: like B2, only https — except loopback hosts,
    /// which are always accepted over http so that a receiver on the same machine needs no certificate.
    /// </summary>
    public bool AllowHttpWebhooks { get; set; }

    /// <summary>
    /// How long a node's claim to deliver (a lease in the metadata store) lasts unless renewed; it is renewed before
    /// every invocation. After a crash, delivery resumes — on the restarted node or another — once it runs out.
    /// Default 10 s; must exceed <see cref="WebhookTimeout"/>.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most events read from the outbox per pass. Default 500.</summary>
    public int MaxEventsPerPass { get; set; } = 500;

    /// <summary>The wait before attempt <paramref name="failures"/> + 1.</summary>
    public TimeSpan BackoffAfter(int failures)
    {
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(InitialBackoff.Ticks * factor, MaxBackoff.Ticks));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
