using System.Text.Json;
using Cairn.Core.Errors;

namespace Cairn.Core.Replication;

/// <summary>
/// One rule of a replication source (B2's <c>replicationRules</c> entry): which names go to which destination bucket,
/// whether files already in the bucket are replicated too, and the rule's priority (1–2147483647, higher wins when two
/// rules send the same file to the same destination; B2 defaults to 128).
/// </summary>
public sealed record ReplicationRule(string DestinationBucketId, string FileNamePrefix, bool IsEnabled)
{
    /// <summary>B2's <c>replicationRuleName</c>; empty when the request had none.</summary>
    public string Name { get; init; } = "";

    /// <summary>B2's <c>priority</c>.</summary>
    public int Priority { get; init; } = 128;

    /// <summary>B2's <c>includeExistingFiles</c>: replicate what the bucket already holds, not only new uploads.</summary>
    public bool IncludeExistingFiles { get; init; }

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
        var name = rule.TryGetProperty("replicationRuleName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        var priority = 128;
        if (rule.TryGetProperty("priority", out var pr) && pr.ValueKind != JsonValueKind.Null)
        {
            if (pr.ValueKind != JsonValueKind.Number || !pr.TryGetInt32(out priority) || priority < 1)
            {
                throw Fail.BadRequest($"replicationRules[{index}].priority must be an integer from 1 to 2147483647");
            }
        }
        var existing = rule.TryGetProperty("includeExistingFiles", out var x) && x.ValueKind == JsonValueKind.True;
        return new ReplicationRule(destination, prefix, enabled) { Name = name, Priority = priority, IncludeExistingFiles = existing };
    }
}
