using Cairn.Core.Buckets;
using Cairn.Core.Errors;

namespace Cairn.Core.Tests.Buckets;

public class BucketRulesTests
{
    [Theory]
    [InlineData("abcdef")]
    [InlineData("My-Bucket-01")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void ValidateName_AcceptsB2Names(string name) => BucketRules.ValidateName(name);

    [Theory]
    [InlineData("abcde")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    [InlineData("under_score")]
    [InlineData("dot.name")]
    [InlineData("b2-reserved")]
    [InlineData("B2-Reserved")]
    [InlineData("spa ce-name")]
    public void ValidateName_RefusesOthers(string name)
    {
        var e = Assert.Throws<CairnException>(() => BucketRules.ValidateName(name));
        Assert.Equal(CairnError.BadRequest, e.Error);
    }

    [Theory]
    [InlineData("allPublic", true)]
    [InlineData("allPrivate", true)]
    [InlineData("snapshot", false)]
    [InlineData("allprivate", false)]
    public void ValidateType_OnlyPublicOrPrivate(string type, bool ok)
    {
        if (ok)
        {
            BucketRules.ValidateType(type);
        }
        else
        {
            Assert.Throws<CairnException>(() => BucketRules.ValidateType(type));
        }
    }

    [Fact]
    public void ValidateLifecycleRules_KeepOnlyTheLastVersion_IsValid() =>
        BucketRules.ValidateLifecycleRules([new LifecycleRule("", null, 1, null)]);

    [Fact]
    public void ValidateLifecycleRules_RefusesRuleWithoutDays() =>
        Assert.Throws<CairnException>(() => BucketRules.ValidateLifecycleRules([new LifecycleRule("logs/", null, null, null)]));

    [Fact]
    public void ValidateLifecycleRules_RefusesZeroDays() =>
        Assert.Throws<CairnException>(() => BucketRules.ValidateLifecycleRules([new LifecycleRule("logs/", 0, null, null)]));

    [Fact]
    public void ValidateLifecycleRules_RefusesOverlappingPrefixes() =>
        Assert.Throws<CairnException>(() => BucketRules.ValidateLifecycleRules([new LifecycleRule("logs/", 1, null, null), new LifecycleRule("logs/old/", 2, null, null)]));

    [Fact]
    public void ValidateInfo_RefusesMoreThanTenEntries() =>
        Assert.Throws<CairnException>(() => BucketRules.ValidateInfo(Enumerable.Range(0, 11).ToDictionary(i => $"k{i}", _ => "v")));
}
