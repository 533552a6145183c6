namespace Cairn.B2.OpenApi;

/// <summary>How an operation travels on the wire, which decides its methods, parameters and body.</summary>
public enum OperationKind
{
    /// <summary>A JSON call under <c>/b2api/vN/</c>: POST with a JSON body, or GET with the same parameters in the query.</summary>
    Json,
    /// <summary>b2_authorize_account: Basic credentials, no parameters.</summary>
    Authorize,
    /// <summary>b2_upload_file and b2_upload_part: raw bytes POSTed to a URL the server handed out.</summary>
    Upload,
    /// <summary>A download: bytes, with GET and HEAD (and POST for by-id).</summary>
    Download,
    /// <summary>A CORS preflight (OPTIONS), answered from the bucket's CORS rules.</summary>
    Preflight,
}
