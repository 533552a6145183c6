using Cairn.Core.Buckets;
using Cairn.Core.Errors;

namespace Cairn.Core.Tests.Buckets;

public class CorsRulesTests
{
    private const string Valid = """
        [{"corsRuleName":"downloadFromAnyOrigin","allowedOrigins":["https"],"allowedHeaders":["range","x-bz-*"],
          "allowedOperations":["b2_download_file_by_id","b2_download_file_by_name"],"exposeHeaders":["x-bz-content-sha1"],"maxAgeSeconds":3600},
         {"corsRuleName":"uploadsFromApp","allowedOrigins":["http://*.example.com:8080"],"allowedOperations":["b2_upload_file"],"maxAgeSeconds":0}]
        """;

    [Fact]
    public void Parse_TheDocumentedExample_Succeeds()
    {
        var rules = CorsRules.Parse(Valid);
        Assert.Equal(2, rules.Count);
        Assert.Equal("downloadFromAnyOrigin", rules[0].CorsRuleName);
        Assert.Equal(3600, rules[0].MaxAgeSeconds);
        Assert.Empty(rules[1].AllowedHeaders);
    }

    [Theory]
    [InlineData("""{"corsRuleName":"short","allowedOrigins":["*"],"allowedOperations":["b2_upload_file"],"maxAgeSeconds":1}""")]
    [InlineData("""{"corsRuleName":"b2-reserved","allowedOrigins":["*"],"allowedOperations":["b2_upload_file"],"maxAgeSeconds":1}""")]
    [InlineData("""{"corsRuleName":"no_underscores","allowedOrigins":["*"],"allowedOperations":["b2_upload_file"],"maxAgeSeconds":1}""")]
    [InlineData("""{"corsRuleName":"noOrigins","allowedOrigins":[],"allowedOperations":["b2_upload_file"],"maxAgeSeconds":1}""")]
    [InlineData("""{"corsRuleName":"badOrigin","allowedOrigins":["ftp://x"],"allowedOperations":["b2_upload_file"],"maxAgeSeconds":1}""")]
    [InlineData("""{"corsRuleName":"twoStars","allowedOrigins":["https://*.*.com"],"allowedOperations":["b2_upload_file"],"maxAgeSeconds":1}""")]
    [InlineData("""{"corsRuleName":"withPath","allowedOrigins":["https://a.com/path"],"allowedOperations":["b2_upload_file"],"maxAgeSeconds":1}""")]
    [InlineData("""{"corsRuleName":"noOperations","allowedOrigins":["*"],"allowedOperations":[],"maxAgeSeconds":1}""")]
    [InlineData("""{"corsRuleName":"badOperation","allowedOrigins":["*"],"allowedOperations":["b2_delete_bucket"],"maxAgeSeconds":1}""")]
    [InlineData("""{"corsRuleName":"noMaxAge","allowedOrigins":["*"],"allowedOperations":["b2_upload_file"]}""")]
    [InlineData("""{"corsRuleName":"maxAgeTooBig","allowedOrigins":["*"],"allowedOperations":["b2_upload_file"],"maxAgeSeconds":86401}""")]
    [InlineData("""{"corsRuleName":"wildExpose","allowedOrigins":["*"],"allowedOperations":["b2_upload_file"],"exposeHeaders":["x-*"],"maxAgeSeconds":1}""")]
    public void Parse_InvalidRule_Refused(string rule)
    {
        var e = Assert.Throws<CairnException>(() => CorsRules.Parse("[" + rule + "]"));
        Assert.Equal(CairnError.BadRequest, e.Error);
    }

    [Fact]
    public void Parse_DuplicateNames_Refused()
    {
        const string Rule = """{"corsRuleName":"sameName","allowedOrigins":["*"],"allowedOperations":["b2_upload_file"],"maxAgeSeconds":1}""";
        Assert.Throws<CairnException>(() => CorsRules.Parse($"[{Rule},{Rule}]"));
    }

    [Theory]
    [InlineData("https://app.example.org", "b2_download_file_by_name", "downloadFromAnyOrigin")]
    [InlineData("http://app.example.org", "b2_download_file_by_name", null)]
    [InlineData("http://cdn.example.com:8080", "b2_upload_file", "uploadsFromApp")]
    [InlineData("http://example.com:8080", "b2_upload_file", null)]
    [InlineData("http://cdn.example.com:8080", "b2_download_file_by_id", null)]
    public void Match_FirstRuleAllowingOriginAndOperation(string origin, string operation, string? expected) =>
        Assert.Equal(expected, CorsRules.Match(CorsRules.Parse(Valid), origin, operation)?.CorsRuleName);

    [Fact]
    public void AllowsHeaders_UsesWildcards()
    {
        var rule = CorsRules.Parse(Valid)[0];
        Assert.True(CorsRules.AllowsHeaders(rule, ["Range", "x-bz-info-a"]));
        Assert.False(CorsRules.AllowsHeaders(rule, ["authorization"]));
        Assert.True(CorsRules.AllowsHeaders(rule, []));
    }

    [Fact]
    public void Of_ParsesAStoredBucketsRulesOnce_AndMatchesThroughThem()
    {
        var bucket = new Bucket { BucketId = "b", BucketName = "cors", AccountId = "a", BucketType = "allPrivate", CorsRulesJson = Valid };

        var first = CorsRules.Of(bucket);

        Assert.Same(first, CorsRules.Of(bucket));
        Assert.Equal(CorsRules.Parse(Valid).Select(r => r.CorsRuleName), first.Select(r => r.CorsRuleName));
        Assert.Equal("downloadFromAnyOrigin", CorsRules.Match(bucket, "https://app.example.org", "b2_download_file_by_name")?.CorsRuleName);
        Assert.Empty(CorsRules.Of(bucket with { CorsRulesJson = "[]" }));
    }
}
