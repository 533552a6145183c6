using Cairn.Core.Buckets;
using Cairn.Core.Encryption;
using Cairn.Core.FileLock;

namespace Cairn.Core.Files;

/// <summary>
/// A download Core has authorized, checked and charged: the version and its bucket, the bytes to send
/// (<see cref="Offset"/>, <see cref="Length"/>; <see cref="Range"/> when a range was asked and is partial), and which
/// Object Lock fields the reader may see. A protocol only writes it out.
/// </summary>
public sealed class ReadableDownload
{
    private readonly DownloadService _service;
    private readonly CustomerKey? _customerKey;

    internal ReadableDownload(DownloadService service, Download download, ByteRange? range, LockVisibility? lockVisibility, CustomerKey? customerKey, bool headOnly)
    {
        _service = service;
        _customerKey = customerKey;
        Bucket = download.Bucket;
        Version = download.Version;
        Range = range;
        LockVisibility = lockVisibility;
        HeadOnly = headOnly;
    }

    public Bucket Bucket { get; }

    public FileVersion Version { get; }

    /// <summary>The part asked for; null when the whole content is sent.</summary>
    public ByteRange? Range { get; }

    public long Offset => Range?.Offset ?? 0;

    public long Length => Range?.Length ?? Version.ContentLength;

    /// <summary>Null when the bucket has no Object Lock (nothing to show or hide).</summary>
    public LockVisibility? LockVisibility { get; }

    /// <summary>Metadata only: <see cref="CopyToAsync"/> sends nothing.</summary>
    public bool HeadOnly { get; }

    /// <summary>Streams the content's <see cref="Offset"/>..+<see cref="Length"/> (decrypted) to <paramref name="destination"/>.</summary>
    public Task CopyToAsync(Stream destination, CancellationToken cancellationToken) =>
        HeadOnly || Length == 0 ? Task.CompletedTask : _service.SendAsync(this, destination, _customerKey, cancellationToken);
}
