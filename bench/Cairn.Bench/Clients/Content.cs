using Cairn.Bench.Support;

namespace Cairn.Bench.Clients;

/// <summary>Request bodies over the pattern: a memory slice when it fits in one block (no copy), else a stream.</summary>
internal static class Content
{
    public static HttpContent Of(long offset, long length)
    {
        var at = (int)(offset % Pattern.BlockSize);
        HttpContent content = at + length <= Pattern.BlockSize
            ? new ReadOnlyMemoryContent(Pattern.Block.AsMemory(at, (int)length))
            : new StreamContent(Pattern.Open(offset, length), 256 * 1024);
        content.Headers.ContentLength = length;
        return content;
    }
}
