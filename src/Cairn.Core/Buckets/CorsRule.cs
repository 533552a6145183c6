namespace Cairn.Core.Buckets;

/// <summary>One bucket CORS rule (b2-api/lifecycle-cors-lock.md).</summary>
public sealed record CorsRule(
    string CorsRuleName,
    IReadOnlyList<string> AllowedOrigins,
    IReadOnlyList<string> AllowedOperations,
    IReadOnlyList<string> AllowedHeaders,
    IReadOnlyList<string> ExposeHeaders,
    int MaxAgeSeconds);
