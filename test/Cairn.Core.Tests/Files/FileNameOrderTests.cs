using System.Text;
using Cairn.Core.Files;

namespace Cairn.Core.Tests.Files;

public class FileNameOrderTests
{
    [Theory]
    [InlineData("a", "b")]
    [InlineData("a", "ab")]
    [InlineData("a/b", "a0")]
    [InlineData("Z", "a")]
    [InlineData("\uE000", "\U0001F600")] // UTF-16 would put the emoji (surrogates D83D…) first; UTF-8 bytes do not
    [InlineData("\uFFFD", "\U0001F600")]
    [InlineData("é", "日本")]
    public void Compare_FollowsUtf8ByteOrder(string smaller, string larger)
    {
        Assert.True(FileNameOrder.Instance.Compare(smaller, larger) < 0);
        Assert.True(FileNameOrder.Instance.Compare(larger, smaller) > 0);
        Assert.True(CompareBytes(smaller, larger) < 0, "the test data itself must be in UTF-8 byte order");
    }

    [Fact]
    public void Compare_SortsLikeUtf8Bytes_ForMixedNames()
    {
        string[] names = ["b", "a/c", "\U0001F600", "\uE000", "a", "A", "a b", "a+b", "\uFFFD", "é", "a/"];
        var expected = names.OrderBy(n => n, Comparer<string>.Create(CompareBytes)).ToArray();
        var actual = names.OrderBy(n => n, FileNameOrder.Instance).ToArray();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("photos/cats/", "photos/cats0")]
    [InlineData("a", "b")]
    [InlineData("a\U0001F600", "a\U0001F601")]
    [InlineData("x\uD7FF", "x\uE000")]
    [InlineData("x\uFFFF", "x\U00010000")]
    [InlineData("x\U0010FFFF", "y")]
    public void SuccessorOfPrefix_SortsAfterEveryNameWithThePrefix(string prefix, string successor)
    {
        Assert.Equal(successor, FileNameOrder.SuccessorOfPrefix(prefix));
        Assert.True(FileNameOrder.Instance.Compare(prefix + "\U0010FFFF\U0010FFFF", successor) < 0);
    }

    private static int CompareBytes(string x, string y)
    {
        var a = Encoding.UTF8.GetBytes(x);
        var b = Encoding.UTF8.GetBytes(y);
        return a.AsSpan().SequenceCompareTo(b);
    }
}
