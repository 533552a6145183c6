namespace Cairn.Core.Replication;

/// <summary>One B2-compatible service that replication may write to (<c>Cairn:Replication:Remotes:N</c>).</summary>
public sealed class ReplicationRemote
{
    /// <summary>
    /// Where <c>b2_authorize_account</c> is called: <c>https://api.backblazeb2.com</c> for Backblaze B2, or another
    /// Cairn's base URL.
    /// </summary>
    public string Endpoint { get; set; } = "";

    /// <summary>
    /// The destination account's application key id. It should be the key the destination bucket's
    /// <c>sourceToDestinationKeyMapping</c> names for this bucket's <c>sourceApplicationKeyId</c>; when the destination
    /// answers with that mapping, replication checks it.
    /// </summary>
    public string ApplicationKeyId { get; set; } = "";

    /// <summary>The key's secret. Never logged.</summary>
    public string ApplicationKey { get; set; } = "";
}
