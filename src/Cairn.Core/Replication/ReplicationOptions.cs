namespace Cairn.Core.Replication;

/// <summary>Carrying out Cloud Replication (configuration section <c>Cairn:Replication</c>).</summary>
public sealed class ReplicationOptions
{
    public const string Section = "Cairn:Replication";

    /// <summary>
    /// How often the replication outbox is checked for due work. Default 1 s: a new upload is replicated about a second
    /// after it is stored (B2 promises no time; its replicas usually follow within minutes). Zero disables replication.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a node's claim to replicate (a lease in the metadata store) lasts unless renewed; it is renewed before
    /// every file. After a crash, replication resumes, on the restarted node or another, once it runs out. Default 60 s:
    /// longer than one file's copy to a remote service usually takes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait after the first failed attempt; it doubles with every further failure. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts. Default 1 hour (B2 retries failed replications the next day).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Failed attempts after which a version's status becomes <c>failed</c>. Default 10.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Most versions read from the outbox per pass. Default 100.</summary>
    public int MaxTasksPerPass { get; set; } = 100;

    /// <summary>
    /// Destinations in other B2-compatible services (another Cairn, or Backblaze B2): for each, the service's realm URL
    /// and an application key of the destination account. A rule whose destination bucket is not in this Cairn goes to
    /// the first remote whose key can see that bucket. Default: none.
    /// </summary>
    public List<ReplicationRemote> Remotes { get; set; } = [];

    /// <summary>The wait before attempt <paramref name="failures"/> + 1.</summary>
    public TimeSpan BackoffAfter(int failures)
    {
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(InitialBackoff.Ticks * factor, MaxBackoff.Ticks));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
