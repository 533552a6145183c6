namespace Cairn.B2.OpenApi;

/// <summary>
/// Every B2 Native API operation Cairn serves, one descriptor each: <see cref="B2Routes"/> maps the routes from it, the
/// OpenAPI document is built from it and the authorization matrix test holds the server to its capabilities.
/// </summary>
public static partial class B2Operations
{
    public const string Accounts = "Accounts and keys";
    public const string Buckets = "Buckets";
    public const string Files = "Files";
    public const string LargeFiles = "Large files";
    public const string Downloads = "Downloads";
    public const string Agents = "Agents";

    /// <summary>Tags in the order the reference shows them, with what each covers.</summary>
    public static IReadOnlyList<(string Name, string Description)> Tags { get; } =
    [
        (Accounts, "Sign in with an application key, and create, list and delete the scoped, expiring keys you give to people, programs and agents."),
        (Buckets, "Create, list, configure and delete buckets: public or private, lifecycle rules that hide and delete old versions, CORS, Object Lock."),
        (Files, "Upload a file, list files under a prefix or folder, look at a file's details, hide or delete versions, copy on the server, retention and legal hold."),
        (LargeFiles, "Upload big files (over 5 GB, or any file in parallel pieces): start, upload parts, finish or cancel."),
        (Downloads, "Download a file by name or id, whole or a byte range, and share private files through short-lived download authorization tokens."),
        (Agents, "Cairn's own addition: mint a short-lived bearer token for an AI agent that talks to the MCP endpoint at /mcp."),
    ];

    public static IReadOnlyList<B2Operation> All { get; } =
    [
        .. AccountOperations,
        .. BucketOperations,
        .. FileOperations,
        .. LargeFileOperations,
        .. DownloadOperations,
    ];

    /// <summary>Errors any call with an account authorization token can answer, whatever it does.</summary>
    public static IReadOnlyList<string> CommonErrors { get; } =
    [
        B2ErrorCodes.BadRequest, B2ErrorCodes.BadJson, B2ErrorCodes.Unauthorized, B2ErrorCodes.BadAuthToken,
        B2ErrorCodes.ExpiredAuthToken, B2ErrorCodes.MissingAuthToken, B2ErrorCodes.TransactionCapExceeded,
        B2ErrorCodes.RequestTimeout, B2ErrorCodes.TooManyRequests, B2ErrorCodes.InternalError, B2ErrorCodes.ServiceUnavailable,
    ];

    /// <summary>The route pattern of a JSON call (or, with a tail, an upload) under <c>/b2api/vN/</c>.</summary>
    private static string Route(string nameAndTail) => "/b2api/{version:" + B2VersionConstraint.Name + "}/" + nameAndTail;
}
