using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Cairn.Core.Errors;

namespace Cairn.Core.Buckets;

/// <summary>
/// B2's CORS rules: validation when a bucket is created or updated, and matching of a browser's origin, operation
/// and headers against them (first matching rule wins). Stored as the JSON array the client sent.
/// </summary>
public static class CorsRules
{
    public const int MaxRules = 100;
    public const int MaxRuleBytes = 1000;
    public const int MaxAgeLimit = 86_400;

    /// <summary>The operations a rule may allow: B2 native and S3.</summary>
    public static IReadOnlyList<string> Operations { get; } =
    [
        "b2_download_file_by_name", "b2_download_file_by_id", "b2_upload_file", "b2_upload_part",
        "s3_get", "s3_head", "s3_put", "s3_delete", "s3_post",
    ];

    private static readonly ConditionalWeakTable<Bucket, IReadOnlyList<CorsRule>> Parsed = new();

    /// <summary>
    /// The rules of a stored bucket, parsed once per bucket state (buckets are immutable and cached, so a request
    /// finds them already parsed), not on every request.
    /// </summary>
    public static IReadOnlyList<CorsRule> Of(Bucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return bucket.CorsRulesJson == "[]" ? [] : Parsed.GetValue(bucket, b => Parse(b.CorsRulesJson));
    }

    /// <summary>The first rule of <paramref name="bucket"/> that allows <paramref name="origin"/> for <paramref name="operation"/>, if any.</summary>
    public static CorsRule? Match(Bucket bucket, string origin, string operation) => Match(Of(bucket), origin, operation);

    /// <summary>Parses and validates a stored or requested rule list; throws 400 <c>bad_request</c> on any violation.</summary>
    public static IReadOnlyList<CorsRule> Parse(string json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Fail.BadRequest("corsRules must be a JSON array");
        }
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw Fail.BadRequest("corsRules must be an array");
        }
        if (root.GetArrayLength() > MaxRules)
        {
            throw Fail.BadRequest($"at most {MaxRules} CORS rules are allowed");
        }
        var rules = new List<CorsRule>();
        foreach (var element in root.EnumerateArray())
        {
            var rule = ParseRule(element);
            if (rules.Any(r => string.Equals(r.CorsRuleName, rule.CorsRuleName, StringComparison.Ordinal)))
            {
                throw Fail.BadRequest($"duplicate corsRuleName {rule.CorsRuleName}");
            }
            rules.Add(rule);
        }
        return rules;
    }

    /// <summary>The first rule that allows <paramref name="operation"/> from <paramref name="origin"/>, or null.</summary>
    public static CorsRule? Match(IReadOnlyList<CorsRule> rules, string origin, string operation) =>
        rules.FirstOrDefault(r => r.AllowedOperations.Contains(operation) && r.AllowedOrigins.Any(o => OriginMatches(o, origin)));

    /// <summary>True when every header a preflight asks for is allowed by the rule.</summary>
    public static bool AllowsHeaders(CorsRule rule, IEnumerable<string> requested) =>
        requested.All(h => rule.AllowedHeaders.Any(pattern => Wildcard(pattern, h)));

    private static CorsRule ParseRule(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail.BadRequest("each CORS rule must be an object");
        }
        var name = RequiredString(element, "corsRuleName");
        if (name.Length is < 6 or > 50 || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-') || name.StartsWith("b2-", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail.BadRequest($"Invalid corsRuleName {name}: 6 to 50 letters, digits and -, not starting with b2-");
        }
        var origins = Strings(element, "allowedOrigins", required: true);
        foreach (var origin in origins)
        {
            ValidateOrigin(name, origin);
        }
        var operations = Strings(element, "allowedOperations", required: true);
        foreach (var operation in operations)
        {
            if (!Operations.Contains(operation))
            {
                throw Fail.BadRequest($"CORS rule {name}: unknown operation {operation}");
            }
        }
        var headers = Strings(element, "allowedHeaders", required: false);
        var expose = Strings(element, "exposeHeaders", required: false);
        if (expose.Any(h => h.Contains('*', StringComparison.Ordinal)))
        {
            throw Fail.BadRequest($"CORS rule {name}: exposeHeaders may not use wildcards");
        }
        if (!element.TryGetProperty("maxAgeSeconds", out var maxAge) || maxAge.ValueKind != JsonValueKind.Number
            || !maxAge.TryGetInt32(out var seconds) || seconds is < 0 or > MaxAgeLimit)
        {
            throw Fail.BadRequest($"CORS rule {name}: maxAgeSeconds must be an integer from 0 to {MaxAgeLimit}");
        }
        var bytes = Encoding.UTF8.GetByteCount(name) + origins.Concat(operations).Concat(headers).Concat(expose).Sum(Encoding.UTF8.GetByteCount);
        if (bytes >= MaxRuleBytes)
        {
            throw Fail.BadRequest($"CORS rule {name} is {bytes} bytes; each rule must be under {MaxRuleBytes}");
        }
        return new CorsRule(name, origins, operations, headers, expose, seconds);
    }

    private static void ValidateOrigin(string rule, string origin)
    {
        var ok = origin is "*" or "https"
            || (origin.StartsWith("https://", StringComparison.Ordinal) || origin.StartsWith("http://", StringComparison.Ordinal))
               && origin.Count(c => c == '*') <= 1 && !origin.Any(char.IsWhiteSpace) && origin.IndexOf('/', origin.IndexOf("//", StringComparison.Ordinal) + 2) < 0;
        if (!ok)
        {
            throw Fail.BadRequest($"CORS rule {rule}: invalid origin {origin}");
        }
    }

    private static bool OriginMatches(string pattern, string origin) => pattern switch
    {
        "*" => true,
        "https" => origin.StartsWith("https://", StringComparison.OrdinalIgnoreCase),
        _ => Wildcard(pattern, origin),
    };

    /// <summary>Case-insensitive match with at most one <c>*</c> standing for any run of characters.</summary>
    private static bool Wildcard(string pattern, string value)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase);
        }
        var head = pattern[..star];
        var tail = pattern[(star + 1)..];
        return value.Length >= head.Length + tail.Length
            && value.StartsWith(head, StringComparison.OrdinalIgnoreCase)
            && value.EndsWith(tail, StringComparison.OrdinalIgnoreCase);
    }

    private static string RequiredString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Fail.BadRequest($"each CORS rule needs {name}");

    private static List<string> Strings(JsonElement element, string name, bool required)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw Fail.BadRequest($"each CORS rule needs a non-empty {name}") : [];
        }
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw Fail.BadRequest($"{name} must be an array of strings");
        }
        var list = value.EnumerateArray().Select(v => v.GetString()!).ToList();
        if (required && list.Count == 0)
        {
            throw Fail.BadRequest($"each CORS rule needs a non-empty {name}");
        }
        return list;
    }
}
