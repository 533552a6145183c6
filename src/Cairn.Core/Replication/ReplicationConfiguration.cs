using System.Text.Json;
using Cairn.Core.Errors;

namespace Cairn.Core.Replication;

/// <summary>
/// A bucket's Cloud Replication configuration (b2-api/lifecycle-cors-lock.md): as a source, rules naming destination
/// buckets; as a destination, a mapping from source keys to destination keys. Cairn stores it and marks new uploads that
/// a rule selects as <see cref="ReplicationStatus.Pending"/>; it does not copy anything yet.
/// </summary>
public sealed class ReplicationConfiguration
{
    private ReplicationConfiguration(IReadOnlyList<ReplicationRule> rules, int destinationMappings)
    {
        Rules = rules;
        DestinationMappings = destinationMappings;
    }

    /// <summary>The rules of <c>asReplicationSource</c>; empty when the bucket is not a source.</summary>
    public IReadOnlyList<ReplicationRule> Rules { get; }

    /// <summary>How many source keys <c>asReplicationDestination.sourceToDestinationKeyMapping</c> maps.</summary>
    public int DestinationMappings { get; }

    /// <summary>Whether the bucket replicates to somewhere: it has at least one rule.</summary>
    public bool IsSource => Rules.Count > 0;

    /// <summary>Reads a stored or requested configuration (a JSON object); null for null.</summary>
    public static ReplicationConfiguration? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Fail.BadRequest("replicationConfiguration must be an object");
        }
        var rules = new List<ReplicationRule>();
        if (root.TryGetProperty("asReplicationSource", out var source) && source.ValueKind == JsonValueKind.Object
            && source.TryGetProperty("replicationRules", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var rule in list.EnumerateArray())
            {
                rules.Add(ReplicationRule.Parse(rule, i++));
            }
        }
        var mappings = 0;
        if (root.TryGetProperty("asReplicationDestination", out var destination) && destination.ValueKind == JsonValueKind.Object
            && destination.TryGetProperty("sourceToDestinationKeyMapping", out var mapping) && mapping.ValueKind == JsonValueKind.Object)
        {
            mappings = mapping.EnumerateObject().Count();
        }
        return new ReplicationConfiguration(rules, mappings);
    }

    /// <summary>
    /// What to store for a requested configuration: null when it configures nothing (no rules, no key mapping), which
    /// is how a client turns replication off; B2 then answers <c>"value": null</c>, as b2sdk's raw API test expects.
    /// Otherwise the configuration as sent.
    /// </summary>
    public static string? Normalize(string json)
    {
        var parsed = Parse(json)!;
        return parsed.IsSource || parsed.DestinationMappings > 0 ? json : null;
    }

    /// <summary>Whether a stored configuration makes its bucket a replication source.</summary>
    public static bool IsSourceConfiguration(string? json) => Parse(json)?.IsSource == true;

    /// <summary>
    /// The replication status a new file named <paramref name="fileName"/> starts with in a bucket configured with
    /// <paramref name="json"/>: <see cref="ReplicationStatus.Pending"/> when an enabled rule's prefix selects it, else null.
    /// </summary>
    public static string? StatusForNewFile(string? json, string fileName) =>
        Parse(json) is { } configuration && configuration.Rules.Any(r => r.Selects(fileName)) ? ReplicationStatus.Pending : null;
}
