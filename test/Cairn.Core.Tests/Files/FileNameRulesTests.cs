using Cairn.Core.Errors;
using Cairn.Core.Files;

namespace Cairn.Core.Tests.Files;

public class FileNameRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("photos/2024/cat 1+2.jpg")]
    [InlineData("日本/ファイル.txt")]
    [InlineData("\U0001F600")]
    [InlineData("/leading")]
    [InlineData("trailing/")]
    [InlineData("a//b")]
    public void Validate_AcceptsNamesTheNewestRulesAllow(string name) => FileNameRules.Validate(name, strict: false);

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData("nul\0")]
    [InlineData("del\u007F")]
    public void Validate_RefusesEmptyControlAndInvalidNames(string name)
    {
        var e = Assert.Throws<CairnException>(() => FileNameRules.Validate(name, strict: false));
        Assert.Equal(CairnError.BadRequest, e.Error);
    }

    [Fact]
    public void Validate_RefusesLoneSurrogates()
    {
        // Built at run time: attribute strings cannot carry a lone surrogate.
        Assert.Throws<CairnException>(() => FileNameRules.Validate(new string([(char)0xD800, 'x']), strict: false));
        Assert.Throws<CairnException>(() => FileNameRules.Validate(new string(['x', (char)0xDC00]), strict: false));
    }

    [Fact]
    public void Validate_RefusesNamesOver1024Utf8Bytes()
    {
        FileNameRules.Validate(new string('a', 1024), strict: false);
        FileNameRules.Validate(new string('é', 512), strict: false);
        Assert.Throws<CairnException>(() => FileNameRules.Validate(new string('a', 1025), strict: false));
        Assert.Throws<CairnException>(() => FileNameRules.Validate(new string('é', 513), strict: false));
    }

    [Theory]
    [InlineData("/leading")]
    [InlineData("trailing/")]
    [InlineData("a//b")]
    [InlineData("back\\slash")]
    public void Validate_Strict_RefusesOlderForbiddenShapes(string name) =>
        Assert.Throws<CairnException>(() => FileNameRules.Validate(name, strict: true));

    [Fact]
    public void Validate_Strict_RefusesSegmentsOver250Bytes()
    {
        FileNameRules.Validate("a/" + new string('b', 250), strict: true);
        Assert.Throws<CairnException>(() => FileNameRules.Validate("a/" + new string('b', 251), strict: true));
    }
}
