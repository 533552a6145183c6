using Cairn.Core.Files;
using Cairn.Storage.Postgres.Internal;

namespace Cairn.Storage.Tests.Postgres;

/// <summary>The prefix bounds the PostgreSQL store scans between, checked against B2's name order.</summary>
public class NameRangeTests
{
    [Theory]
    [InlineData("", null)]
    [InlineData("a", "b")]
    [InlineData("a/", "a0")]
    [InlineData("\uD7FF", "\uE000")]
    [InlineData("😀", "😁")]
    [InlineData("😀\U0010FFFF", "😁")]
    [InlineData("\U0010FFFF", null)]
    [InlineData("\U0010FFFF\U0010FFFF", null)]
    public void UpperBound_IsTheNextCodePoint(string prefix, string? expected) => Assert.Equal(expected, NameRange.UpperBound(prefix));

    [Theory]
    [InlineData("a", "a/b", "a0", "a\uFFFF", "a😀", "a\U0010FFFF")]
    [InlineData("😀", "😀a", "😀\U0010FFFF", "😀😀")]
    public void UpperBound_ExceedsEveryNameWithThePrefix(string prefix, params string[] names)
    {
        var bound = NameRange.UpperBound(prefix)!;
        Assert.All(names, name => Assert.True(FileNameOrder.Instance.Compare(name, bound) < 0, name));
    }

    [Theory]
    [InlineData("c", "c")]
    [InlineData("c\0", "c\u0001")]
    [InlineData("c\0x\0", "c\u0001")]
    public void LowerBound_ReplacesEverythingFromTheFirstNul(string start, string expected) => Assert.Equal(expected, NameRange.LowerBound(start));
}
