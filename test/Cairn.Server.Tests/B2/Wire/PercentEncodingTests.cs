using Cairn.B2.Wire;
using Cairn.Core.Errors;

namespace Cairn.Server.Tests.B2.Wire;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain.txt", "plain.txt")]
    [InlineData("a+b", "a b")]
    [InlineData("a%20b", "a b")]
    [InlineData("a%2Bb", "a+b")]
    [InlineData("a%2bb", "a+b")]
    [InlineData("%E2%82%AC", "€")]
    [InlineData("%e2%82%ac", "€")]
    [InlineData("%F0%9F%98%80", "😀")]
    [InlineData("%EE%80%80", "\uE000")]
    [InlineData("~!$'()*;=:@/", "~!$'()*;=:@/")]
    [InlineData("%7E%21%24%27%28%29%2A%3B%3D%3A%40%2F", "~!$'()*;=:@/")]
    [InlineData("", "")]
    public void Decode_PercentAndPlus_GiveTheUtf8String(string encoded, string expected) =>
        Assert.Equal(expected, B2PercentEncoding.Decode(encoded, "test"));

    [Theory]
    [InlineData("%FF")]
    [InlineData("%C3")]
    [InlineData("%C3%28")]
    [InlineData("%ED%A0%80")]
    [InlineData("%C0%AF")]
    [InlineData("%")]
    [InlineData("%4")]
    [InlineData("%GG")]
    public void Decode_InvalidEncodingOrUtf8_Throws400(string encoded)
    {
        var error = Assert.Throws<CairnException>(() => B2PercentEncoding.Decode(encoded, "test"));
        Assert.Equal(CairnError.BadRequest, error.Error);
    }

    [Theory]
    [InlineData("plain-._~!$'()*;=:@/AZaz09", "plain-._~!$'()*;=:@/AZaz09")]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData(",&?#%\\\"<>{}|^[]`", "%2C%26%3F%23%25%5C%22%3C%3E%7B%7D%7C%5E%5B%5D%60")]
    [InlineData("€😀", "%E2%82%AC%F0%9F%98%80")]
    [InlineData("\u007f", "%7F")]
    public void Encode_UnsafeCharacters_AreUpperCasePercentEscapesAndPlusIsNeverLiteral(string value, string expected) =>
        Assert.Equal(expected, B2PercentEncoding.Encode(value));

    [Theory]
    [InlineData("a b+c/d€😀\uE000\uFFFD,&?#%")]
    [InlineData("~!$'()*;=:@")]
    public void EncodeThenDecode_RoundTrips(string value)
    {
        var encoded = B2PercentEncoding.Encode(value);
        Assert.DoesNotContain("+", encoded, StringComparison.Ordinal);
        Assert.DoesNotContain(" ", encoded, StringComparison.Ordinal);
        Assert.Equal(value, B2PercentEncoding.Decode(encoded, "test"));
        Assert.Equal(value, Uri.UnescapeDataString(encoded));
    }
}
