using Cairn.Core.Auth;
using Cairn.Core.Encryption;
using Cairn.Core.Files;

namespace Cairn.Core.LargeFiles;

/// <summary>
/// A part upload made with a part-URL token: authenticated for its large file, and holding the token's
/// one-upload-at-a-time lease until disposed. The protocol streams the body into <see cref="UploadPartAsync"/>.
/// </summary>
public sealed class TokenPartUpload : IDisposable
{
    private readonly LargeFileService _largeFiles;
    private readonly UploadTokenRegistry.Lease _lease;

    internal TokenPartUpload(LargeFileService largeFiles, Principal principal, string fileId, UploadTokenRegistry.Lease lease)
    {
        _largeFiles = largeFiles;
        Principal = principal;
        FileId = fileId;
        _lease = lease;
    }

    public Principal Principal { get; }

    public string FileId { get; }

    public Task<Part> UploadPartAsync(int partNumber, long declaredLength, ContentSha1 sha1, EncryptionRequest? encryption, Stream body,
        CancellationToken cancellationToken) =>
        _largeFiles.UploadPartAsync(Principal, FileId, partNumber, declaredLength, sha1, encryption, body, cancellationToken);

    public void Dispose() => _lease.Dispose();
}
