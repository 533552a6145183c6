using Cairn.Core.Errors;
using Cairn.Core.Files;

namespace Cairn.Core.Tests.Files;

public sealed class ContentHeaderRulesTests
{
    [Theory]
    [InlineData("inline")]
    [InlineData("attachment")]
    [InlineData("attachment; filename=report.pdf")]
    [InlineData("attachment; filename=\"my report.pdf\"")]
    [InlineData("attachment; filename=\"a \\\"quoted\\\" name\"")]
    [InlineData("attachment;filename=a.txt;size=12")]
    [InlineData("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")]
    [InlineData("attachment; filename*=utf-8''%E2%82%AC%20rates.txt")]
    [InlineData("attachment; filename=\"resume.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")]
    public void Disposition_Rfc6266Values_AreValid(string value) =>
        Assert.Null(ContentHeaderRules.Problem(ContentHeaderRules.ContentDisposition, value));

    [Theory]
    [InlineData("")]
    [InlineData("; filename=a")]
    [InlineData("attachment; filename")]
    [InlineData("attachment; filename=")]
    [InlineData("attachment; filename=\"open")]
    [InlineData("attachment filename=a")]
    [InlineData("attachment; filename=\"résumé.pdf\"")]
    [InlineData("attachment; filename*=ISO-8859-1''r%E9sum%E9.pdf")]
    [InlineData("attachment; filename*=UTF-8'en'name")]
    [InlineData("attachment; filename*=UTF-8''%C3")]
    [InlineData("attachment; filename*=UTF-8''%ZZ")]
    [InlineData("attachment; filename*=UTF-8''a\"b")]
    [InlineData("attachment; filename*0=\"a\"")]
    [InlineData("attachment; filename*0*=UTF-8''a")]
    [InlineData("attachment\r\nSet-Cookie: x=1")]
    public void Disposition_OtherValues_AreRefused(string value) =>
        Assert.NotNull(ContentHeaderRules.Problem(ContentHeaderRules.ContentDisposition, value));

    [Theory]
    [InlineData("Cache-Control", "max-age=3600, public")]
    [InlineData("Content-Language", "fr-CA")]
    [InlineData("Expires", "Thu, 01 Dec 2094 16:00:00 GMT")]
    [InlineData("Content-Encoding", "gzip")]
    [InlineData("Content-Type", "text/plain; charset=utf-8")]
    public void OtherHeaders_PrintableAscii_IsValid(string header, string value) => Assert.True(ContentHeaderRules.IsValid(header, value));

    [Theory]
    [InlineData("a\u0000")]
    [InlineData("a\r\nb")]
    [InlineData("a\u007F")]
    [InlineData("français")]
    [InlineData("\u00A0")]
    public void OtherHeaders_ControlOrNonAscii_IsRefusedAsBadRequest(string value)
    {
        var e = Assert.Throws<CairnException>(() => ContentHeaderRules.Require("Content-Language", value, "b2-content-language"));
        Assert.Equal(CairnError.BadRequest, e.Error);
        Assert.Contains("b2-content-language", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileInfo_NonAsciiDisposition_IsRefusedWithTheRfc5987Hint()
    {
        var e = Assert.Throws<CairnException>(() => FileInfoRules.Normalize("f", [new("b2-content-disposition", "attachment; filename=\"é\"")]));
        Assert.Contains("filename*=UTF-8''", e.Message, StringComparison.Ordinal);
    }
}
