using Cairn.Core.Files;

namespace Cairn.Core.Tests.Files;

public class ContentTypesTests
{
    [Theory]
    [InlineData("test-file-upload.txt", "text/plain")]
    [InlineData("a/b/photo.JPG", "image/jpeg")]
    [InlineData("archive.tar.gz", "application/gzip")]
    [InlineData("noextension", "application/octet-stream")]
    [InlineData("dir.d/noextension", "application/octet-stream")]
    [InlineData("trailingdot.", "application/octet-stream")]
    [InlineData("x.unknownext", "application/octet-stream")]
    public void Resolve_Auto_UsesTheExtension(string name, string expected) =>
        Assert.Equal(expected, ContentTypes.Resolve("b2/x-auto", name));

    [Fact]
    public void Resolve_KeepsAnExplicitType() =>
        Assert.Equal("text/plain; charset=utf-8", ContentTypes.Resolve("text/plain; charset=utf-8", "a.bin"));

    [Theory]
    [InlineData("text/plain", true)]
    [InlineData("application/octet-stream", true)]
    [InlineData("text/plain; charset=utf-8", true)]
    [InlineData("plain", false)]
    [InlineData("", false)]
    [InlineData("text/pl\nain", false)]
    public void IsValid_RequiresTypeSlashSubtype(string value, bool valid) => Assert.Equal(valid, ContentTypes.IsValid(value));
}
