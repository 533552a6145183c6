using Cairn.B2.OpenApi;
using Cairn.Mcp.Discovery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Cairn.Server.Tests.Mcp;

/// <summary>
/// search_operations against the committed intents (intents.tsv), phrased as people ask: the expected operation is
/// among the top 3 for at least 90% of them.
/// </summary>
public class IntentRankingTests(ITestOutputHelper output)
{
    private const double Required = 0.9;

    [Fact]
    public void CommittedIntents_FindTheRightOperationInTheTop3()
    {
        var intents = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Mcp", "intents.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToList();
        var search = new OperationSearch(new B2ApiOperations(new HttpContextAccessor(), new ServiceCollection().BuildServiceProvider()).All);

        var misses = new List<string>();
        foreach (var intent in intents)
        {
            var top = search.Search(intent[0], principal: null, limit: 3).Select(r => r.Operation.Name).ToList();
            if (!top.Contains(intent[1]))
            {
                misses.Add($"'{intent[0]}': expected {intent[1]}, got {string.Join(", ", top)}");
            }
        }

        misses.ForEach(output.WriteLine);
        Assert.True(intents.Count >= 40, $"only {intents.Count} intents");
        var hitRate = 1.0 - (double)misses.Count / intents.Count;
        Assert.True(hitRate >= Required, $"top-3 hit rate {hitRate:P0} < {Required:P0}:\n{string.Join('\n', misses)}");
    }

    [Fact]
    public void EveryOperationAnAgentMayRun_IsDescribedOnce()
    {
        var all = new B2ApiOperations(new HttpContextAccessor(), new ServiceCollection().BuildServiceProvider()).All;

        Assert.Equal(all.Count, all.Select(o => o.Name).Distinct().Count());
        Assert.DoesNotContain(all, o => o.Name is "b2_authorize_account" or "b2_create_agent_token");
        Assert.Equal(B2Operations.All.Where(o => o.Destructive).Select(o => o.Name).Order(), all.Where(o => o.Destructive).Select(o => o.Name).Order());
    }
}
