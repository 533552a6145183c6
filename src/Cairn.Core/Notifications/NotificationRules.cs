using System.Net;
using Cairn.Core.Errors;

namespace Cairn.Core.Notifications;

/// <summary>
/// Validation of a bucket's event notification rules as b2_set_bucket_notification_rules checks them. Sources:
/// Backblaze's "Event Notifications Reference Guide" (at most 25 rules; names 6–63 letters, digits and hyphens,
/// <c>b2-</c> reserved; webhooks over HTTPS), the b2_set_bucket_notification_rules page (objectNamePrefix must not
/// overlap another rule's for the same event type; maxEventsPerBatch 1–50), and b2sdk (hmacSha256SigningSecret is
/// 32 alphanumerics; error codes <c>event_types_empty</c>, <c>event_type_invalid</c>, <c>event_type_overlap</c>,
/// <c>event_type_categories</c>).
/// </summary>
public static class NotificationRules
{
    public const int MaxRules = 25;
    public const int MinNameLength = 6;
    public const int MaxNameLength = 63;
    public const int MaxEventsPerBatchLimit = 50;
    public const int SecretLength = 32;

    /// <summary>Cairn's limit; B2 documents none. Enough for auth and routing headers.</summary>
    public const int MaxCustomHeaders = 10;

    /// <summary>Headers Cairn sets itself on every invocation, so a rule may not set them.</summary>
    private static readonly string[] ReservedHeaders =
        ["Content-Type", "Content-Length", "Host", "Transfer-Encoding", "Connection", WebhookPayload.SignatureHeader];

    /// <summary>
    /// Checks <paramref name="rules"/> and throws <see cref="CairnException"/> at the first violation. With
    /// <paramref name="allowAnyHttp"/> plain-http URLs are accepted for any host; without it only for loopback
    /// hosts (B2 itself requires https; a self-hosted receiver on the same machine rarely has a certificate).
    /// </summary>
    public static void Validate(IReadOnlyList<NotificationRule> rules, bool allowAnyHttp)
    {
        if (rules.Count > MaxRules)
        {
            throw Fail.BadRequest($"A bucket can have at most {MaxRules} event notification rules");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            ValidateRule(rule, allowAnyHttp);
            if (!names.Add(rule.Name))
            {
                throw Fail.BadRequest($"Event notification rule names must be unique: {rule.Name}");
            }
        }
        for (var i = 0; i < rules.Count; i++)
        {
            for (var j = i + 1; j < rules.Count; j++)
            {
                if (PrefixesOverlap(rules[i].ObjectNamePrefix, rules[j].ObjectNamePrefix)
                    && rules[i].EventTypes.FirstOrDefault(a => rules[j].EventTypes.Any(b => EventTypes.Overlap(a, b))) is { } type)
                {
                    throw new CairnException(CairnError.EventTypeOverlap,
                        $"Rules {rules[i].Name} and {rules[j].Name} have overlapping object name prefixes and overlapping event types ({type})");
                }
            }
        }
    }

    private static void ValidateRule(NotificationRule rule, bool allowAnyHttp)
    {
        ValidateName(rule.Name);
        ValidateEventTypes(rule);
        if (rule.MaxEventsPerBatch is < 1 or > MaxEventsPerBatchLimit)
        {
            throw Fail.BadRequest($"maxEventsPerBatch must be between 1 and {MaxEventsPerBatchLimit}");
        }
        ValidateTarget(rule.TargetConfiguration, allowAnyHttp);
    }

    private static void ValidateName(string name)
    {
        if (name.Length is < MinNameLength or > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw Fail.BadRequest($"Invalid rule name {name}: use {MinNameLength}-{MaxNameLength} letters, digits and hyphens");
        }
        if (name.StartsWith("b2-", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail.BadRequest($"Invalid rule name {name}: names that start with b2- are reserved");
        }
    }

    private static void ValidateEventTypes(NotificationRule rule)
    {
        if (rule.EventTypes.Count == 0)
        {
            throw new CairnException(CairnError.EventTypesEmpty, $"Rule {rule.Name} has no event types");
        }
        foreach (var type in rule.EventTypes)
        {
            if (EventTypes.IsKnown(type))
            {
                continue;
            }
            // A well-formed type in a category B2 does not have is a category error; anything else an invalid type.
            // (Cairn's reading of the two codes; B2 does not document the difference.)
            throw EventTypes.CategoryOf(type) is { } category && !EventTypes.Categories.Contains(category)
                ? new CairnException(CairnError.EventTypeCategories, $"Unknown event type category {category} in {type}")
                : new CairnException(CairnError.EventTypeInvalid, $"Invalid event type: {type}");
        }
        for (var i = 0; i < rule.EventTypes.Count; i++)
        {
            for (var j = i + 1; j < rule.EventTypes.Count; j++)
            {
                if (EventTypes.Overlap(rule.EventTypes[i], rule.EventTypes[j]))
                {
                    throw new CairnException(CairnError.EventTypeOverlap,
                        $"Rule {rule.Name} has overlapping event types {rule.EventTypes[i]} and {rule.EventTypes[j]}");
                }
            }
        }
    }

    private static void ValidateTarget(WebhookTarget target, bool allowAnyHttp)
    {
        if (target.TargetType != WebhookTarget.WebhookType)
        {
            throw Fail.BadRequest($"Invalid targetType {target.TargetType}: the only target type is webhook");
        }
        if (!Uri.TryCreate(target.Url, UriKind.Absolute, out var url) || url.UserInfo.Length > 0
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw Fail.BadRequest($"Invalid webhook url {target.Url}: it must be an absolute https:// URL");
        }
        if (url.Scheme == Uri.UriSchemeHttp && !allowAnyHttp && !IsLoopback(url))
        {
            throw Fail.BadRequest($"Invalid webhook url {target.Url}: it must use https:// (plain http is accepted only for loopback hosts)");
        }
        if (target.HmacSha256SigningSecret is { } secret && (secret.Length != SecretLength || !secret.All(char.IsAsciiLetterOrDigit)))
        {
            throw Fail.BadRequest($"hmacSha256SigningSecret must be {SecretLength} alphanumeric characters");
        }
        var headers = target.CustomHeaders ?? [];
        if (headers.Count > MaxCustomHeaders)
        {
            throw Fail.BadRequest($"At most {MaxCustomHeaders} customHeaders are allowed");
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            if (header.Name.Length == 0 || !header.Name.All(IsTokenChar))
            {
                throw Fail.BadRequest($"Invalid custom header name: {header.Name}");
            }
            if (ReservedHeaders.Contains(header.Name, StringComparer.OrdinalIgnoreCase) || header.Name.StartsWith("X-Bz-", StringComparison.OrdinalIgnoreCase))
            {
                throw Fail.BadRequest($"Custom header {header.Name} is reserved");
            }
            if (header.Value.Any(c => c is '\r' or '\n' or '\0') || header.Value.Any(c => c > '\u00ff'))
            {
                throw Fail.BadRequest($"Invalid value for custom header {header.Name}");
            }
            if (!seen.Add(header.Name))
            {
                throw Fail.BadRequest($"Duplicate custom header {header.Name}");
            }
        }
    }

    /// <summary>One prefix is a prefix of the other, so some names match both.</summary>
    public static bool PrefixesOverlap(string a, string b) =>
        a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal);

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    // RFC 9110 token characters.
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}
