using Cairn.Core.Auth;

namespace Cairn.Core.Files;

/// <summary>
/// An upload made with an upload-URL token: authenticated, and holding the token's one-upload-at-a-time lease until
/// disposed. The protocol streams the body into <see cref="UploadFileAsync"/>.
/// </summary>
public sealed class TokenUpload : IDisposable
{
    private readonly UploadService _uploads;
    private readonly UploadTokenRegistry.Lease _lease;

    internal TokenUpload(UploadService uploads, Principal principal, UploadTokenRegistry.Lease lease)
    {
        _uploads = uploads;
        Principal = principal;
        _lease = lease;
    }

    /// <summary>Whose token it is; the answer about the stored file is written for this caller.</summary>
    public Principal Principal { get; }

    public Task<FileVersion> UploadFileAsync(UploadFileCommand command, Stream body, CancellationToken cancellationToken) =>
        _uploads.UploadFileAsync(Principal, command, body, cancellationToken);

    public void Dispose() => _lease.Dispose();
}
