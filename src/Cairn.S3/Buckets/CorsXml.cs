using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Cairn.Core.Buckets;
using Cairn.S3.Xml;

namespace Cairn.S3.Buckets;

/// <summary>
/// S3's &lt;CORSConfiguration&gt; ↔ B2's corsRules. An S3 method is the B2 operation <c>s3_&lt;method&gt;</c>; a rule
/// gets the name <c>s3-cors-rule-N</c> (S3 IDs may hold characters B2 names may not, and B2 does not return them);
/// a missing MaxAgeSeconds is 0. B2-native operations of a rule have no S3 method and are not shown.
/// </summary>
public static class CorsXml
{
    private static readonly (string Method, string Operation)[] Methods =
    [
        ("GET", "s3_get"), ("HEAD", "s3_head"), ("PUT", "s3_put"), ("DELETE", "s3_delete"), ("POST", "s3_post"),
    ];

    /// <summary>The corsRules JSON a &lt;CORSConfiguration&gt; asks for; Core validates it.</summary>
    public static string ToCorsRulesJson(XElement configuration)
    {
        var rules = S3Xml.Children(configuration, "CORSRule").ToList();
        if (configuration.Name.LocalName != "CORSConfiguration" || rules.Count == 0)
        {
            throw S3Exception.MalformedXml();
        }
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                json.WriteStartObject();
                json.WriteString("corsRuleName", "s3-cors-rule-" + (i + 1).ToString(CultureInfo.InvariantCulture));
                WriteList(json, "allowedOrigins", Values(rule, "AllowedOrigin"));
                WriteList(json, "allowedOperations", Values(rule, "AllowedMethod").Select(OperationOf));
                WriteList(json, "allowedHeaders", Values(rule, "AllowedHeader"));
                WriteList(json, "exposeHeaders", Values(rule, "ExposeHeader"));
                var maxAge = S3Xml.Child(rule, "MaxAgeSeconds");
                json.WriteNumber("maxAgeSeconds", maxAge is null ? 0
                    : int.TryParse(maxAge, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : throw S3Exception.MalformedXml());
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The bucket's rules as a &lt;CORSConfiguration&gt;; null when none has an S3 method.</summary>
    public static XElement? FromBucket(Bucket bucket)
    {
        var rules = new List<XElement>();
        foreach (var rule in CorsRules.Of(bucket))
        {
            var methods = Methods.Where(m => rule.AllowedOperations.Contains(m.Operation)).Select(m => m.Method).ToList();
            if (methods.Count == 0)
            {
                continue;
            }
            rules.Add(S3Xml.E("CORSRule",
                rule.AllowedOrigins.Select(o => S3Xml.E("AllowedOrigin", o)),
                methods.Select(m => S3Xml.E("AllowedMethod", m)),
                rule.AllowedHeaders.Select(h => S3Xml.E("AllowedHeader", h)),
                rule.ExposeHeaders.Select(h => S3Xml.E("ExposeHeader", h)),
                S3Xml.E("MaxAgeSeconds", rule.MaxAgeSeconds.ToString(CultureInfo.InvariantCulture))));
        }
        return rules.Count == 0 ? null : S3Xml.E("CORSConfiguration", rules);
    }

    private static string OperationOf(string method) =>
        Methods.FirstOrDefault(m => m.Method == method).Operation
        ?? throw S3Exception.InvalidRequest($"Found unsupported HTTP method in CORS config. Unsupported method is {method}");

    private static IEnumerable<string> Values(XElement rule, string name) => S3Xml.Children(rule, name).Select(e => e.Value.Trim());

    private static void WriteList(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
