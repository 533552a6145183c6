using System.Text.Json;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Server.B2.Wire;

namespace Cairn.Server.B2.Buckets;

/// <summary>Reads the JSON bucket settings shared by b2_create_bucket and b2_update_bucket.</summary>
public static class BucketSettingsParser
{
    public static IReadOnlyDictionary<string, string>? BucketInfo(B2Request request) =>
        request.StringMap("bucketInfo")?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public static IReadOnlyList<LifecycleRule>? LifecycleRules(B2Request request)
    {
        if (request.Raw("lifecycleRules") is not { } element)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Fail.BadJson("lifecycleRules must be an array");
        }
        var rules = new List<LifecycleRule>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Fail.BadJson("each lifecycle rule must be an object");
            }
            var prefix = item.TryGetProperty("fileNamePrefix", out var p) && p.ValueKind == JsonValueKind.String
                ? p.GetString()!
                : throw Fail.BadRequest("each lifecycle rule needs a fileNamePrefix string");
            rules.Add(new LifecycleRule(prefix, Days(item, "daysFromUploadingToHiding"), Days(item, "daysFromHidingToDeleting"),
                Days(item, "daysFromStartingToCancelingUnfinishedLargeFiles")));
        }
        return rules;
    }

    /// <summary>CORS rules are kept as the JSON array sent; the object service validates them (CorsRules).</summary>
    public static string? CorsRules(B2Request request)
    {
        if (request.Raw("corsRules") is not { } element)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object))
        {
            throw Fail.BadJson("corsRules must be an array of objects");
        }
        return element.GetRawText();
    }

    /// <summary><c>defaultRetention</c> <c>{mode, period:{duration, unit}}</c>: (false, null) when absent, (true, null) for mode null.</summary>
    public static (bool Given, DefaultRetention? Retention) DefaultRetention(B2Request request)
    {
        if (request.Raw("defaultRetention") is not { } element)
        {
            return (false, null);
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail.BadJson("defaultRetention must be an object");
        }
        if (!element.TryGetProperty("mode", out var mode) || mode.ValueKind == JsonValueKind.Null)
        {
            return (true, null);
        }
        if (mode.ValueKind != JsonValueKind.String || !element.TryGetProperty("period", out var period) || period.ValueKind != JsonValueKind.Object
            || !period.TryGetProperty("duration", out var duration) || duration.ValueKind != JsonValueKind.Number || !duration.TryGetInt32(out var days)
            || !period.TryGetProperty("unit", out var unit) || unit.ValueKind != JsonValueKind.String)
        {
            throw Fail.BadRequest("defaultRetention needs a mode and a period {duration, unit}");
        }
        return (true, new DefaultRetention(mode.GetString()!, days, unit.GetString()!));
    }

    /// <summary>The replication configuration object as sent, or null when absent.</summary>
    public static string? ReplicationConfiguration(B2Request request)
    {
        if (request.Raw("replicationConfiguration") is not { } element)
        {
            return null;
        }
        return element.ValueKind == JsonValueKind.Object
            ? element.GetRawText()
            : throw Fail.BadJson("replicationConfiguration must be an object");
    }

    private static int? Days(JsonElement rule, string name)
    {
        if (!rule.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var days)
            ? days
            : throw Fail.BadRequest($"{name} must be a positive integer or null");
    }
}
