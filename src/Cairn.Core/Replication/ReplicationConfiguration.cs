using System.Text.Json;
using Cairn.Core.Errors;

namespace Cairn.Core.Replication;

/// <summary>
/// A bucket's Cloud Replication configuration (b2-api/lifecycle-cors-lock.md): as a source, rules naming destination
/// buckets; as a destination, a mapping from source keys to destination keys. Cairn stores it and marks new uploads that
/// a rule selects as <see cref="ReplicationStatus.Pending"/>; <see cref="ReplicationDispatcher"/> copies them.
/// </summary>
public sealed class ReplicationConfiguration
{
    private ReplicationConfiguration(IReadOnlyList<ReplicationRule> rules, string? sourceApplicationKeyId, IReadOnlyDictionary<string, string> keyMapping)
    {
        Rules = rules;
        SourceApplicationKeyId = sourceApplicationKeyId;
        KeyMapping = keyMapping;
    }

    /// <summary>
    /// <c>asReplicationSource.sourceApplicationKeyId</c>: the source account's key whose rights replication reads with.
    /// </summary>
    public string? SourceApplicationKeyId { get; }

    /// <summary>
    /// <c>asReplicationDestination.sourceToDestinationKeyMapping</c>: for each source key allowed to replicate into this
    /// bucket, the destination key replication writes with.
    /// </summary>
    public IReadOnlyDictionary<string, string> KeyMapping { get; }

    /// <summary>The rules of <c>asReplicationSource</c>; empty when the bucket is not a source.</summary>
    public IReadOnlyList<ReplicationRule> Rules { get; }

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
        string? sourceKey = null;
        if (root.TryGetProperty("asReplicationSource", out var source) && source.ValueKind == JsonValueKind.Object)
        {
            if (source.TryGetProperty("replicationRules", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var rule in list.EnumerateArray())
                {
                    rules.Add(ReplicationRule.Parse(rule, i++));
                }
            }
            if (source.TryGetProperty("sourceApplicationKeyId", out var key) && key.ValueKind == JsonValueKind.String)
            {
                sourceKey = key.GetString();
            }
        }
        var mappings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("asReplicationDestination", out var destination) && destination.ValueKind == JsonValueKind.Object
            && destination.TryGetProperty("sourceToDestinationKeyMapping", out var mapping) && mapping.ValueKind == JsonValueKind.Object)
        {
            foreach (var pair in mapping.EnumerateObject())
            {
                if (pair.Value.ValueKind == JsonValueKind.String)
                {
                    mappings[pair.Name] = pair.Value.GetString()!;
                }
            }
        }
        return new ReplicationConfiguration(rules, sourceKey, mappings);
    }

    /// <summary>
    /// What to store for a requested configuration: null when it configures nothing (no rules, no key mapping), which
    /// is how a client turns replication off; B2 then answers <c>"value": null</c>, as b2sdk's raw API test expects.
    /// Otherwise the configuration as sent.
    /// </summary>
    public static string? Normalize(string json)
    {
        var parsed = Parse(json)!;
        return parsed.IsSource || parsed.KeyMapping.Count > 0 ? json : null;
    }

    /// <summary>Whether a stored configuration makes its bucket a replication source.</summary>
    public static bool IsSourceConfiguration(string? json) => Parse(json)?.IsSource == true;

    /// <summary>
    /// The replication status a new file named <paramref name="fileName"/> starts with in a bucket configured with
    /// <paramref name="json"/>: <see cref="ReplicationStatus.Pending"/> when an enabled rule's prefix selects it, else null.
    /// </summary>
    public static string? StatusForNewFile(string? json, string fileName) =>
        Parse(json) is { } configuration && configuration.Rules.Any(r => r.Selects(fileName)) ? ReplicationStatus.Pending : null;

    /// <summary>
    /// The replication status of a new version written by the key <paramref name="writerKeyId"/>:
    /// <see cref="ReplicationStatus.Replica"/> when the bucket is a replication destination and that key is one its
    /// <c>sourceToDestinationKeyMapping</c> names (replication from another service writes with it, through the same
    /// calls as any client); otherwise as <see cref="StatusForNewFile"/>.
    /// </summary>
    public static string? StatusForNewVersion(string? json, string fileName, string writerKeyId) =>
        Parse(json) is not { } configuration ? null
        : configuration.KeyMapping.Values.Contains(writerKeyId, StringComparer.Ordinal) ? ReplicationStatus.Replica
        : configuration.Rules.Any(r => r.Selects(fileName)) ? ReplicationStatus.Pending : null;

    /// <summary>
    /// The rules that replicate <paramref name="fileName"/>: for each destination bucket, the enabled rule of highest
    /// priority that selects it (the first such rule on a tie); destinations in order of that priority, highest first.
    /// </summary>
    public IReadOnlyList<ReplicationRule> RulesFor(string fileName) =>
        Rules.Where(r => r.Selects(fileName))
            .GroupBy(r => r.DestinationBucketId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(r => r.Priority).First())
            .OrderByDescending(r => r.Priority)
            .ToList();
}
