namespace Cairn.Core.Files;

/// <summary>The three forms of <c>X-Bz-Content-Sha1</c>, and <see cref="Computed"/> for protocols without one.</summary>
public enum Sha1Mode
{
    /// <summary>40 hex characters in the header.</summary>
    Given,
    /// <summary>The last 40 bytes of the body are the hex SHA-1 of the bytes before them.</summary>
    HexDigitsAtEnd,
    /// <summary>Nothing to verify; the stored SHA-1 becomes <c>unverified:&lt;hex&gt;</c>.</summary>
    DoNotVerify,
    /// <summary>The protocol sends no SHA-1 (S3): the server's own digest of the body it received is the file's.</summary>
    Computed,
}
