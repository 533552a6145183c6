namespace Cairn.Core.Limits;

/// <summary>What a request does, as far as limits and injected faults care.</summary>
public enum RequestKind
{
    /// <summary>Exchanging credentials for a token (b2_authorize_account).</summary>
    Authorize,

    /// <summary>Sending file contents (b2_upload_file, b2_upload_part).</summary>
    Upload,

    /// <summary>Reading file contents (downloads by id or name).</summary>
    Download,

    /// <summary>Every other call.</summary>
    Other,
}
