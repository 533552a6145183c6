namespace Cairn.Core.Limits;

/// <summary>
/// Account caps, as a B2 account owner sets them (configuration section <c>Cairn:Caps</c>). Each is off (null) by
/// default; once reached, calls answer 403 with B2's <c>*_cap_exceeded</c> code. Daily caps reset at 00:00 UTC.
/// </summary>
public sealed class CapOptions
{
    public const string Section = "Cairn:Caps";

    /// <summary>Bytes stored in all file versions. Uploads that would exceed it answer <c>storage_cap_exceeded</c>.</summary>
    public long? StorageBytes { get; set; }

    /// <summary>Bytes downloaded per day. Downloads that would exceed it answer <c>download_cap_exceeded</c>.</summary>
    public long? DailyDownloadBytes { get; set; }

    /// <summary>Requests per day. Requests beyond it answer <c>transaction_cap_exceeded</c>.</summary>
    public long? DailyTransactions { get; set; }
}
