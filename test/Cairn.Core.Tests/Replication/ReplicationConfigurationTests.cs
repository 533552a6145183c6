using Cairn.Core.Errors;
using Cairn.Core.Replication;

namespace Cairn.Core.Tests.Replication;

/// <summary>Reading B2's replication configuration: rule priorities, which rule serves each destination, and replica marking.</summary>
public class ReplicationConfigurationTests
{
    private const string Json = """
        {"asReplicationSource":{"sourceApplicationKeyId":"src","replicationRules":[
          {"replicationRuleName":"all","destinationBucketId":"d1","fileNamePrefix":"","includeExistingFiles":false,"isEnabled":true,"priority":1},
          {"replicationRuleName":"docs","destinationBucketId":"d1","fileNamePrefix":"docs/","includeExistingFiles":true,"isEnabled":true,"priority":300},
          {"replicationRuleName":"docs-too","destinationBucketId":"d2","fileNamePrefix":"docs/","isEnabled":true,"priority":50},
          {"replicationRuleName":"off","destinationBucketId":"d3","fileNamePrefix":"","isEnabled":false,"priority":999}]},
         "asReplicationDestination":{"sourceToDestinationKeyMapping":{"other-src":"writer"}}}
        """;

    [Fact]
    public void Parse_ReadsTheSourceKeyTheRulesAndTheKeyMapping()
    {
        var configuration = ReplicationConfiguration.Parse(Json)!;

        Assert.Equal("src", configuration.SourceApplicationKeyId);
        Assert.Equal(["all", "docs", "docs-too", "off"], configuration.Rules.Select(r => r.Name));
        Assert.Equal([1, 300, 50, 999], configuration.Rules.Select(r => r.Priority));
        Assert.Equal([false, true, false, false], configuration.Rules.Select(r => r.IncludeExistingFiles));
        Assert.Equal("writer", configuration.KeyMapping["other-src"]);
    }

    [Fact]
    public void RulesFor_PicksTheHighestPriorityRulePerDestination_HighestFirst_SkippingDisabledRules()
    {
        var configuration = ReplicationConfiguration.Parse(Json)!;

        Assert.Equal(["docs", "docs-too"], configuration.RulesFor("docs/a.txt").Select(r => r.Name));
        Assert.Equal(["all"], configuration.RulesFor("images/b.png").Select(r => r.Name));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("\"high\"")]
    [InlineData("2147483648")]
    public void Parse_PriorityOutsideOneToIntMax_IsABadRequest(string priority)
    {
        var json = $$$"""{"asReplicationSource":{"replicationRules":[{"destinationBucketId":"d","priority":{{{priority}}}}]}}""";

        var refused = Assert.Throws<CairnException>(() => ReplicationConfiguration.Parse(json));

        Assert.Equal(CairnError.BadRequest, refused.Error);
    }

    [Fact]
    public void StatusForNewVersion_ByAMappedDestinationKey_IsReplica_ElseAsTheRulesSay()
    {
        Assert.Equal(ReplicationStatus.Replica, ReplicationConfiguration.StatusForNewVersion(Json, "x.txt", "writer"));
        Assert.Equal(ReplicationStatus.Pending, ReplicationConfiguration.StatusForNewVersion(Json, "x.txt", "someone-else"));
        Assert.Null(ReplicationConfiguration.StatusForNewVersion(null, "x.txt", "writer"));
    }
}
