namespace Cairn.Mcp;

/// <summary>The MCP endpoint's policy (configuration section <c>Cairn:Mcp</c>).</summary>
public sealed class McpOptions
{
    public const string Section = "Cairn:Mcp";

    /// <summary>Serve the MCP endpoint at <c>/mcp</c>. Default true: it is reachable only with an agent token.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Offer the destructive tools (hide, delete a version, delete a bucket, change lifecycle rules) at all. Default
    /// true, each still behind its <c>confirm</c> argument; false removes them from every agent's tool list whatever
    /// its key may do.
    /// </summary>
    public bool AllowDestructive { get; set; } = true;

    /// <summary>
    /// Let create_key return the new key's secret. Default false: whatever enters a conversation may end up in logs
    /// and model providers' hands, so the secret stays out and a person reads it elsewhere (or uses b2_create_key).
    /// </summary>
    public bool RevealSecrets { get; set; }

    /// <summary>
    /// Largest content moved inline through a tool (upload_file, download_file). Default 256 KiB: larger content gets
    /// a pre-authorized URL instead of filling the model's context.
    /// </summary>
    public int MaxInlineBytes { get; set; } = 256 * 1024;

    /// <summary>Most entries one list_files or list_keys call answers. Default 200; the agent pages with the cursor.</summary>
    public int MaxListCount { get; set; } = 200;

    /// <summary>Longest tool result, in characters. Default 64 Ki: anything longer is cut and says so.</summary>
    public int MaxResultChars { get; set; } = 64 * 1024;

    /// <summary>How long a download URL handed to an agent works. Default 15 minutes.</summary>
    public int DownloadUrlSeconds { get; set; } = 900;
}
