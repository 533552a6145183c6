using Cairn.Core.Errors;
using Cairn.Core.Files;

namespace Cairn.Core.Tests.Files;

public class FileInfoRulesTests
{
    private static KeyValuePair<string, string> P(string k, string v) => new(k, v);

    [Fact]
    public void Normalize_LowerCasesNames()
    {
        var info = FileInfoRules.Normalize("f", [P("Src_Last_Modified_Millis", "1"), P("Color", "Blue")]);
        Assert.Equal("1", info["src_last_modified_millis"]);
        Assert.Equal("Blue", info["color"]);
    }

    [Fact]
    public void Normalize_AcceptsMoreThanTenEntries()
    {
        var entries = Enumerable.Range(0, 20).Select(i => P($"k{i}", "v")).ToList();
        Assert.Equal(20, FileInfoRules.Normalize("f", entries).Count);
    }

    [Theory]
    [InlineData("b2-content-disposition")]
    [InlineData("b2-content-language")]
    [InlineData("b2-expires")]
    [InlineData("b2-cache-control")]
    [InlineData("b2-content-encoding")]
    public void Normalize_AcceptsTheFiveContentHeaders(string name) => FileInfoRules.Normalize("f", [P(name, "x")]);

    [Theory]
    [InlineData("b2-other")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("")]
    public void Normalize_RefusesBadNames(string name)
    {
        var e = Assert.Throws<CairnException>(() => FileInfoRules.Normalize("f", [P(name, "x")]));
        Assert.Equal(CairnError.BadRequest, e.Error);
    }

    [Fact]
    public void Normalize_RefusesNamesOver50Bytes()
    {
        FileInfoRules.Normalize("f", [P(new string('a', 50), "x")]);
        Assert.Throws<CairnException>(() => FileInfoRules.Normalize("f", [P(new string('a', 51), "x")]));
    }

    [Fact]
    public void Normalize_RefusesMoreThan7000BytesOfNameAndInfo()
    {
        FileInfoRules.Normalize(new string('n', 1000), [P("a", new string('v', 5999))]);
        Assert.Throws<CairnException>(() => FileInfoRules.Normalize(new string('n', 1000), [P("a", new string('v', 6000))]));
    }

    [Fact]
    public void Normalize_RefusesDuplicatesDifferingOnlyInCase() =>
        Assert.Throws<CairnException>(() => FileInfoRules.Normalize("f", [P("a", "1"), P("A", "2")]));
}
