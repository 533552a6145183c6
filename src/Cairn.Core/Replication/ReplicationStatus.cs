namespace Cairn.Core.Replication;

/// <summary>B2's <c>replicationStatus</c> values (b2sdk's <c>ReplicationStatus</c>).</summary>
public static class ReplicationStatus
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Replica = "replica";
}
