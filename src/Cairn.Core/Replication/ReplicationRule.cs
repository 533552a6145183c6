using System.Text.Json;
using Cairn.Core.Errors;

namespace Cairn.Core.Replication;

/// <summary>One rule of a replication source: which names go to which destination bucket.</summary>
public sealed record ReplicationRule(string DestinationBucketId, string FileNamePrefix, bool IsEnabled)
{
    /// <summary>Whether a new file of this name is replicated by this rule.</summary>
    public bool Selects(string fileName) => IsEnabled && fileName.StartsWith(FileNamePrefix, StringComparison.Ordinal);

    internal static ReplicationRule Parse(JsonElement rule, int index)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw Fail.BadRequest($"replicationRules[{index}] must be an object");
        }
        var destination = rule.TryGetProperty("destinationBucketId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : throw Fail.BadRequest($"replicationRules[{index}].destinationBucketId is required");
        var prefix = rule.TryGetProperty("fileNamePrefix", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
        // b2sdk sends isEnabled on every rule; a rule without it is taken as enabled, as B2 echoes rules it accepted.
        var enabled = !rule.TryGetProperty("isEnabled", out var e) || e.ValueKind != JsonValueKind.False;
        return new ReplicationRule(destination, prefix, enabled);
    }
}
