using Cairn.Core.Auth;
using Cairn.Core.Operations;

namespace Cairn.Mcp.Discovery;

/// <summary>
/// Ranks the API's operations against an intent in a person's words ("upload a backup file", "delete files older than
/// 30 days"): the intent's words and their API equivalents (<see cref="IntentVocabulary"/>) scored against each
/// operation's name, summary, description and parameters, rarer words weighing more (BM25-like, without document
/// length). Only operations the caller's key may run are ranked.
/// </summary>
public sealed class OperationSearch
{
    private const double NameWeight = 3.0;
    private const double SummaryWeight = 2.0;
    private const double DescriptionWeight = 1.0;
    private const double ParameterWeight = 0.5;

    private readonly List<Indexed> _operations;
    private readonly Dictionary<string, double> _idf;

    public OperationSearch(IEnumerable<ApiOperation> operations)
    {
        _operations = [.. operations.Select(o => new Indexed(
            o,
            Words.Of(o.Name.Replace("b2_", "", StringComparison.Ordinal)).ToHashSet(),
            Words.Of(o.Summary + " " + o.Group).ToHashSet(),
            Words.Of(o.Description).ToHashSet(),
            o.Parameters.SelectMany(p => Words.Of(p.Name)).ToHashSet()))];
        var counts = _operations
            .SelectMany(o => o.Name.Concat(o.Summary).Concat(o.Description).Concat(o.Parameters).Distinct())
            .GroupBy(w => w)
            .ToDictionary(g => g.Key, g => g.Count());
        var n = _operations.Count;
        _idf = counts.ToDictionary(c => c.Key, c => Math.Log(1 + (n - c.Value + 0.5) / (c.Value + 0.5)));
    }

    /// <summary>The best matches, best first, among operations <paramref name="principal"/> may run (all when null).</summary>
    public IReadOnlyList<(ApiOperation Operation, double Score)> Search(string intent, Principal? principal, int limit)
    {
        var terms = IntentVocabulary.Expand(Words.Of(intent));
        return [.. _operations
            .Where(o => principal is null || o.Operation.IsOpenTo(principal))
            .Select(o => (o.Operation, Score: Score(o, terms)))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Operation.Name, StringComparer.Ordinal)
            .Take(limit)];
    }

    private double Score(Indexed operation, IReadOnlyDictionary<string, double> terms)
    {
        var score = 0.0;
        foreach (var (term, weight) in terms)
        {
            if (!_idf.TryGetValue(term, out var idf))
            {
                continue;
            }
            var field = operation.Name.Contains(term) ? NameWeight
                : operation.Summary.Contains(term) ? SummaryWeight
                : operation.Description.Contains(term) ? DescriptionWeight
                : operation.Parameters.Contains(term) ? ParameterWeight
                : 0;
            score += field * idf * weight;
        }
        return score;
    }

    private sealed record Indexed(ApiOperation Operation, HashSet<string> Name, HashSet<string> Summary, HashSet<string> Description, HashSet<string> Parameters);
}
