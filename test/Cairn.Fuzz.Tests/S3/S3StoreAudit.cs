using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;

namespace Cairn.Fuzz.Tests.S3;

/// <summary>
/// After the S3 fuzz, through S3 itself: every bucket lists, every object listed downloads whole, with the size listed
/// and (for a single-part object) the MD5 its ETag names.
/// </summary>
public static class S3StoreAudit
{
    public static async Task<List<string>> RunAsync(S3FuzzWorld world)
    {
        var problems = new List<string>();
        var buckets = await SendAsync(world, new S3FuzzCase { Operation = "ListBuckets", Method = "GET", Credentials = world.FullKey });
        if (buckets.Status != 200)
        {
            return [$"ListBuckets answered {buckets.Status}: {buckets.Text}"];
        }
        var objects = 0;
        foreach (var bucket in XDocument.Parse(buckets.Text).Descendants().Where(e => e.Name.LocalName == "Bucket").Select(b => Child(b, "Name")!))
        {
            string? token = null;
            for (var page = 0; page < 100; page++)
            {
                var list = new S3FuzzCase { Operation = "ListObjectsV2", Method = "GET", Bucket = bucket, Credentials = world.FullKey };
                list.SetQuery("list-type", "2");
                list.SetQuery("encoding-type", "url");
                if (token is not null)
                {
                    list.SetQuery("continuation-token", token);
                }
                var listed = await SendAsync(world, list);
                if (listed.Status != 200)
                {
                    problems.Add($"ListObjectsV2 of {bucket} answered {listed.Status}: {listed.Text}");
                    break;
                }
                var root = XDocument.Parse(listed.Text).Root!;
                foreach (var content in root.Elements().Where(e => e.Name.LocalName == "Contents"))
                {
                    objects++;
                    if (await CheckAsync(world, bucket, content) is { } problem)
                    {
                        problems.Add(problem);
                    }
                }
                token = Child(root, "NextContinuationToken");
                if (token is null)
                {
                    break;
                }
            }
        }
        if (objects == 0)
        {
            problems.Add("no objects listed at all: the seeded objects are gone");
        }
        return problems;
    }

    private static async Task<string?> CheckAsync(S3FuzzWorld world, string bucket, XElement content)
    {
        var key = Uri.UnescapeDataString(Child(content, "Key")!);
        var size = long.Parse(Child(content, "Size")!, CultureInfo.InvariantCulture);
        var etag = Child(content, "ETag")!.Trim('"');
        var get = await SendAsync(world, new S3FuzzCase { Operation = "GetObject", Method = "GET", Bucket = bucket, Key = key, Credentials = world.FullKey });
        if (get.Status == 400 && get.Text.Contains("customer", StringComparison.OrdinalIgnoreCase))
        {
            return null; // SSE-C: its key was never kept
        }
        if (get.Status != 200)
        {
            return $"{bucket}/{key} is listed but GET answers {get.Status}: {get.Text}";
        }
        if (get.Body.LongLength != size)
        {
            return $"{bucket}/{key}: GET gave {get.Body.LongLength} bytes, listed Size {size}";
        }
        var md5 = Convert.ToHexStringLower(MD5.HashData(get.Body));
        return etag.Contains('-', StringComparison.Ordinal) || string.Equals(md5, etag, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{bucket}/{key}: MD5 {md5}, listed ETag {etag}";
    }

    private static Task<RawResponse> SendAsync(S3FuzzWorld world, S3FuzzCase call) => world.SendAsync(call);

    private static string? Child(XElement element, string name) => element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}
