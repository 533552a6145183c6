using Cairn.Core.Encryption;

namespace Cairn.Core.Files;

/// <summary>What a protocol asks of a download, in neutral terms.</summary>
/// <param name="CustomerKey">The SSE-C key the request carries, if any.</param>
/// <param name="HeadOnly">Metadata only (HTTP HEAD): no bytes are read or charged.</param>
/// <param name="Range">The HTTP <c>Range</c> header's value, if any (<c>bytes=…</c>).</param>
public sealed record DownloadRequest(CustomerKey? CustomerKey = null, bool HeadOnly = false, string? Range = null);
