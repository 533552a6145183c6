using Cairn.Core.Encryption;
using Cairn.Core.FileLock;

namespace Cairn.Core.Files;

/// <summary>Everything b2_upload_file says about an upload except its body, decoded from the wire.</summary>
public sealed record UploadFileCommand
{
    public required string BucketId { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    /// <summary>Content-Length of the body, including trailing hex digits when they are used.</summary>
    public required long DeclaredLength { get; init; }

    public required ContentSha1 Sha1 { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> FileInfo { get; init; } = [];

    /// <summary><c>X-Bz-Custom-Upload-Timestamp</c>, milliseconds; must not be in the future.</summary>
    public long? CustomUploadTimestamp { get; init; }

    /// <summary>Retention and legal hold from the <c>X-Bz-File-Retention-*</c> and <c>X-Bz-File-Legal-Hold</c> headers.</summary>
    public LockRequest Lock { get; init; } = LockRequest.None;

    /// <summary>The <c>X-Bz-Server-Side-Encryption*</c> headers; null: the bucket's default encryption.</summary>
    public EncryptionRequest? Encryption { get; init; }
}
