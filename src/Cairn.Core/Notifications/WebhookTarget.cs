namespace Cairn.Core.Notifications;

/// <summary>
/// A rule's <c>targetConfiguration</c>. B2 knows one target type, <c>webhook</c>: an HTTPS URL that receives a POST
/// per batch of events, optional custom headers, and an optional signing secret (Event Notifications Reference Guide).
/// </summary>
public sealed record WebhookTarget
{
    public const string WebhookType = "webhook";

    public string TargetType { get; init; } = WebhookType;

    public required string Url { get; init; }

    /// <summary>Null when the rule has none (B2 returns null then).</summary>
    public IReadOnlyList<WebhookHeader>? CustomHeaders { get; init; }

    /// <summary>32 alphanumerics, or null for unsigned invocations.</summary>
    public string? HmacSha256SigningSecret { get; init; }

    /// <summary>Value equality over the header list too, so that a rule sent again unchanged is recognised.</summary>
    public bool Equals(WebhookTarget? other) =>
        other is not null
        && TargetType == other.TargetType
        && Url == other.Url
        && HmacSha256SigningSecret == other.HmacSha256SigningSecret
        && (CustomHeaders ?? []).SequenceEqual(other.CustomHeaders ?? []);

    public override int GetHashCode() => HashCode.Combine(TargetType, Url, HmacSha256SigningSecret, CustomHeaders?.Count ?? 0);
}
