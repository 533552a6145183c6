using System.Buffers;
using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Encryption;
using Cairn.Core.Errors;
using Cairn.Core.FileLock;
using Cairn.Core.Keys;
using Cairn.Core.Limits;
using Cairn.Core.Observability;
using Cairn.Core.Storage;

namespace Cairn.Core.Files;

/// <summary>
/// b2_download_file_by_id and /file/BUCKET/NAME: which version is served, who may read it, and its bytes. Public
/// buckets need no token; private buckets need readFiles within the key's bucket and prefix scope.
/// </summary>
public sealed class DownloadService
{
    /// <summary>One week, B2's longest download authorization.</summary>
    public const long MaxDownloadAuthorizationSeconds = 604_800;

    private const int CopyBufferSize = 128 * 1024;

    private readonly IMetadataStore _store;
    private readonly IBlobStore _blobs;
    private readonly BucketService _buckets;
    private readonly AuthService _auth;
    private readonly SseKeyring _keyring;
    private readonly AccountCaps _caps;

    public DownloadService(IMetadataStore store, IBlobStore blobs, BucketService buckets, AuthService auth, SseKeyring keyring, AccountCaps caps)
    {
        _keyring = keyring;
        _caps = caps;
        _store = store;
        _blobs = blobs;
        _buckets = buckets;
        _auth = auth;
    }

    /// <summary>
    /// b2_get_download_authorization: a token for downloads by name under <paramref name="fileNamePrefix"/> in one bucket,
    /// valid for <paramref name="validDurationInSeconds"/>, binding the given response header overrides.
    /// </summary>
    public async Task<string> AuthorizeDownloadAsync(Principal principal, string bucketId, string fileNamePrefix, long validDurationInSeconds,
        IReadOnlyDictionary<string, string> boundOverrides, CancellationToken cancellationToken)
    {
        principal.RequirePrefix(Capabilities.ShareFiles, bucketId, fileNamePrefix);
        if (validDurationInSeconds is < 1 or > MaxDownloadAuthorizationSeconds)
        {
            throw Fail.BadRequest($"validDurationInSeconds must be between 1 and {MaxDownloadAuthorizationSeconds}");
        }
        foreach (var (header, value) in boundOverrides)
        {
            if (!DownloadOverrides.All.Contains(header))
            {
                throw Fail.BadRequest($"{header} can not be overridden");
            }
            ContentHeaderRules.Require(header, value, header);
        }
        await _buckets.GetOwnedAsync(principal, bucketId, cancellationToken);
        return _auth.IssueDownloadToken(principal, bucketId, fileNamePrefix, _auth.NowMs + validDurationInSeconds * 1000, boundOverrides);
    }

    /// <summary>By id: an account token with readFiles for private buckets; download authorizations are for names only.</summary>
    public async Task<Download> ByIdAsync(DownloadCaller caller, string fileId, CancellationToken cancellationToken)
    {
        var principal = caller.Account;
        var bucketId = FileService.BucketIdOf(fileId);
        var bucket = await _buckets.FindAsync(bucketId, cancellationToken) ?? throw Fail.NotFound($"File not present: {fileId}");
        var isPublic = bucket.BucketType == BucketTypes.AllPublic;
        if (!isPublic)
        {
            RequirePrincipal(principal, bucket).RequireBucket(Capabilities.ReadFiles, bucket.BucketId);
        }
        var version = await _store.GetFileVersionAsync(fileId, cancellationToken);
        if (version is null || version.Action != FileAction.Upload)
        {
            throw Fail.NotFound($"File not present: {fileId}");
        }
        if (!isPublic)
        {
            principal!.RequireName(Capabilities.ReadFiles, bucket.BucketId, version.FileName);
        }
        return new Download(bucket, version);
    }

    /// <summary>
    /// By name: private buckets need an account token with readFiles in scope, or a download authorization for this
    /// bucket and a prefix of the name, asked with exactly the overrides it binds (<paramref name="requestedOverrides"/>:
    /// header name → value).
    /// </summary>
    public async Task<Download> ByNameAsync(DownloadCaller caller, string bucketName, string fileName, IReadOnlyDictionary<string, string> requestedOverrides,
        CancellationToken cancellationToken)
    {
        var bucket = await _buckets.FindByNameAsync(bucketName, cancellationToken) ?? throw Fail.NotFound($"Bucket {bucketName} does not exist");
        if (bucket.BucketType != BucketTypes.AllPublic)
        {
            if (caller.Grant is { } grant)
            {
                RequireGrant(grant, bucket, fileName, requestedOverrides);
            }
            else
            {
                RequirePrincipal(caller.Account, bucket).RequireName(Capabilities.ReadFiles, bucket.BucketId, fileName);
            }
        }
        var version = await _store.GetCurrentVersionAsync(bucket.BucketId, fileName, cancellationToken);
        if (version is null || version.Action != FileAction.Upload)
        {
            throw Fail.NotFound($"File not present: {fileName}");
        }
        return new Download(bucket, version);
    }

    /// <summary>
    /// Everything a download decides after choosing the version and authorizing the caller, in this order: the SSE-C
    /// key (a HEAD without a key is answered), which Object Lock fields <paramref name="reader"/> may see, the range
    /// (416 when it starts at or past the end), and the daily download cap, charged once for the bytes that will be
    /// sent (nothing for HEAD or an empty body).
    /// </summary>
    public ReadableDownload Open(Download download, Principal? reader, DownloadRequest request)
    {
        ArgumentNullException.ThrowIfNull(download);
        ArgumentNullException.ThrowIfNull(request);
        var version = download.Version;
        SseRules.RequireDownloadKey(version, request.CustomerKey, request.HeadOnly);
        var visibility = download.Bucket.FileLockEnabled ? LockVisibility.Of(reader) : (LockVisibility?)null;
        var range = ByteRange.Resolve(request.Range, version.ContentLength);
        var readable = new ReadableDownload(this, download, range, visibility, request.CustomerKey, request.HeadOnly);
        if (!request.HeadOnly && readable.Length > 0)
        {
            _caps.ChargeDownload(readable.Length);
        }
        return readable;
    }

    internal async Task SendAsync(ReadableDownload download, Stream destination, CustomerKey? customerKey, CancellationToken cancellationToken)
    {
        await CopyContentAsync(download.Version, download.Offset, download.Length, destination, customerKey, cancellationToken);
        CairnMetrics.BytesDownloaded.Add(download.Length);
    }

    /// <summary>Streams <paramref name="length"/> bytes of a version's content from <paramref name="offset"/>, segment by segment.</summary>
    public Task CopyContentAsync(FileVersion version, long offset, long length, Stream destination, CancellationToken cancellationToken) =>
        CopyContentAsync(version, offset, length, destination, null, cancellationToken);

    /// <summary>
    /// Streams <paramref name="length"/> bytes of a version's plaintext from <paramref name="offset"/>, segment by segment,
    /// decrypting encrypted segments on the way (SSE-C ones with <paramref name="customerKey"/>). Only the requested
    /// range is read and decrypted; memory is one pooled buffer.
    /// </summary>
    public async Task CopyContentAsync(FileVersion version, long offset, long length, Stream destination, CustomerKey? customerKey, CancellationToken cancellationToken)
    {
        var segmentStart = 0L;
        foreach (var segment in version.Segments)
        {
            if (length <= 0)
            {
                break;
            }
            var segmentEnd = segmentStart + segment.Length;
            if (offset < segmentEnd)
            {
                var within = offset - segmentStart;
                var take = Math.Min(segment.Length - within, length);
                await using (var source = await _blobs.OpenReadAsync(segment.BlobId, segment.Offset + within, take, cancellationToken))
                {
                    if (segment.Key is null)
                    {
                        await source.CopyToAsync(destination, CopyBufferSize, cancellationToken);
                    }
                    else
                    {
                        using var cipher = _keyring.Open(segment.Key, customerKey);
                        await DecryptAsync(source, cipher, segment.Offset + within, destination, cancellationToken);
                    }
                }
                offset += take;
                length -= take;
            }
            segmentStart = segmentEnd;
        }
    }

    private static async Task DecryptAsync(Stream source, AesCtr cipher, long blobPosition, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken)) > 0)
            {
                cipher.Transform(blobPosition, buffer.AsSpan(0, read));
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                blobPosition += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void RequireGrant(DownloadAuthorization grant, Bucket bucket, string fileName, IReadOnlyDictionary<string, string> requestedOverrides)
    {
        if (grant.Issuer.AccountId != bucket.AccountId || grant.BucketId != bucket.BucketId)
        {
            throw Fail.Unauthorized("not authorized: the download authorization is for another bucket");
        }
        if (!fileName.StartsWith(grant.FileNamePrefix, StringComparison.Ordinal))
        {
            throw Fail.Unauthorized($"not authorized: the download authorization is for names starting with {grant.FileNamePrefix}");
        }
        foreach (var (header, value) in grant.BoundOverrides)
        {
            if (!requestedOverrides.TryGetValue(header, out var requested) || requested != value)
            {
                throw Fail.Unauthorized($"not authorized: the download authorization requires the same {header} override it was created with");
            }
        }
    }

    private static Principal RequirePrincipal(Principal? principal, Bucket bucket) =>
        principal is not null && principal.AccountId == bucket.AccountId
            ? principal
            : throw Fail.Unauthorized("not authorized: the bucket is private; send an authorization token with readFiles");
}
