using System.Security.Cryptography;
using System.Text.Json;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.Mcp;

/// <summary>
/// The five tasks of issue #15, each done the way an agent does it: find the operation by intent, read it, run it, and
/// move bytes over HTTP to the URLs the tools hand out. The master session only sets the scene.
/// </summary>
public static class AgentTasks
{
    public static readonly string[] Capabilities =
    [
        "listBuckets", "listFiles", "readFiles", "writeFiles", "deleteFiles", "shareFiles", "writeBuckets", "listKeys", "writeKeys",
    ];

    /// <summary>Upload a 50 MB database dump to bucket daily-backups with SHA-1 verification.</summary>
    public static async Task UploadDumpAsync(McpAgent agent, B2Session master)
    {
        await master.CreateBucketAsync("daily-backups");
        var dump = RandomNumberGenerator.GetBytes(50 * 1024 * 1024);
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(dump));

        Assert.Contains("b2_upload_file", (await agent.SearchAsync("upload a database dump to daily-backups", 3)));
        var described = await agent.CallAsync("describe_operation", new() { ["name"] = "b2_upload_file" });
        Assert.Contains("b2_get_upload_url", described.GetProperty("steps")[0].GetString(), StringComparison.Ordinal);
        var bucketId = (await BucketAsync(agent, "daily-backups")).GetProperty("bucketId").GetString();
        var upload = await agent.OperationAsync("b2_get_upload_url", new { bucketId });
        var stored = await agent.PostBytesAsync(upload.GetProperty("uploadUrl").GetString()!, upload.GetProperty("authorizationToken").GetString()!, dump,
            new Dictionary<string, string> { ["X-Bz-File-Name"] = "db/2026-12-06.dump", ["Content-Type"] = "application/octet-stream" });
        var info = await agent.OperationAsync("b2_get_file_info", new { fileId = stored.GetProperty("fileId").GetString() });

        Assert.Equal(sha1, stored.GetProperty("contentSha1").GetString());
        Assert.Equal(sha1, info.GetProperty("contentSha1").GetString());
        Assert.Equal(dump.Length, info.GetProperty("contentLength").GetInt64());
    }

    /// <summary>Start a large file, upload 3 parts, finish.</summary>
    public static async Task LargeFileInThreePartsAsync(McpAgent agent, B2Session master)
    {
        var bucketId = await master.CreateBucketAsync("large-uploads");
        var parts = new[] { RandomNumberGenerator.GetBytes(5_000_000), RandomNumberGenerator.GetBytes(5_000_000), RandomNumberGenerator.GetBytes(1234) };

        Assert.Contains("b2_start_large_file", (await agent.SearchAsync("upload a huge video in pieces", 3)));
        var started = await agent.CallAsync("start_large_file", new() { ["bucketId"] = bucketId, ["fileName"] = "videos/big.mp4", ["contentType"] = "video/mp4" });
        var fileId = started.GetProperty("fileId").GetString();
        var url = await agent.CallAsync("get_upload_part_url", new() { ["fileId"] = fileId });
        for (var i = 0; i < parts.Length; i++)
        {
            await agent.PostBytesAsync(url.GetProperty("uploadUrl").GetString()!, url.GetProperty("authorizationToken").GetString()!, parts[i],
                new Dictionary<string, string> { ["X-Bz-Part-Number"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        var listed = await agent.CallAsync("list_parts", new() { ["fileId"] = fileId });
        var sha1s = parts.Select(p => Convert.ToHexStringLower(SHA1.HashData(p))).ToArray();
        var finished = await agent.CallAsync("finish_large_file", new() { ["fileId"] = fileId, ["partSha1Array"] = sha1s });

        Assert.Equal(sha1s, listed.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("contentSha1").GetString()).ToArray());
        Assert.Equal("videos/big.mp4", finished.GetProperty("fileName").GetString());
        Assert.Equal(parts.Sum(p => (long)p.Length), finished.GetProperty("size").GetInt64());
        using var whole = await master.DownloadAsync($"file/large-uploads/videos/big.mp4");
        Assert.Equal(parts.SelectMany(p => p).ToArray(), await whole.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Create a read-only key for bucket public-assets with prefix images/.</summary>
    public static async Task ReadOnlyKeyAsync(McpAgent agent, B2Session master)
    {
        var bucketId = await master.CreateBucketAsync("public-assets", "allPublic");

        Assert.Contains("b2_create_key", (await agent.SearchAsync("make a read-only key for the images folder of public-assets", 3)));
        var created = await agent.OperationAsync("b2_create_key", new
        {
            keyName = "images-reader",
            capabilities = new[] { "listBuckets", "listFiles", "readFiles" },
            bucketIds = new[] { bucketId },
            namePrefix = "images/",
        });
        var keyId = created.GetProperty("applicationKeyId").GetString();
        var keys = await master.CallAsync("b2_list_keys", new { accountId = master.AccountId, maxKeyCount = 1000 }, version: 4);
        var key = keys.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("applicationKeyId").GetString() == keyId);

        Assert.Contains("withheld", created.GetProperty("applicationKey").GetString(), StringComparison.Ordinal);
        Assert.Equal(["listBuckets", "listFiles", "readFiles"], key.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()!).Order().ToArray());
        Assert.Equal("images/", key.GetProperty("namePrefix").GetString());
        Assert.Equal([bucketId], key.GetProperty("bucketIds").EnumerateArray().Select(b => b.GetString()!).ToArray());
    }

    /// <summary>List files with prefix videos/ in media-assets and get the newest one's info.</summary>
    public static async Task NewestVideoAsync(McpAgent agent, B2Session master)
    {
        var bucketId = await master.CreateBucketAsync("media-assets");
        var timestamps = new Dictionary<string, string> { ["videos/old.mp4"] = "1700000000000", ["videos/newest.mp4"] = "1750000000000", ["videos/middle.mp4"] = "1720000000000" };
        foreach (var (name, timestamp) in timestamps)
        {
            await master.UploadAsync(bucketId, name, TestWire.Bytes(name), headers: new Dictionary<string, string> { ["X-Bz-Custom-Upload-Timestamp"] = timestamp });
        }
        await master.UploadAsync(bucketId, "photos/newer-still.jpg", TestWire.Bytes("not a video"));

        Assert.Contains("b2_list_file_names", (await agent.SearchAsync("list the files in the videos folder", 3)));
        var listed = await agent.OperationAsync("b2_list_file_names", new { bucketId, prefix = "videos/" });
        var newest = listed.GetProperty("files").EnumerateArray().MaxBy(f => f.GetProperty("uploadTimestamp").GetInt64());
        var info = await agent.OperationAsync("b2_get_file_info", new { fileId = newest.GetProperty("fileId").GetString() });

        Assert.Equal(3, listed.GetProperty("files").GetArrayLength());
        Assert.Equal("videos/newest.mp4", info.GetProperty("fileName").GetString());
        Assert.Equal(1750000000000, info.GetProperty("uploadTimestamp").GetInt64());
    }

    /// <summary>Add a lifecycle rule deleting files under tmp/ after 7 days (hidden at 7, deleted a day later).</summary>
    public static async Task TmpLifecycleRuleAsync(McpAgent agent, B2Session master)
    {
        await master.CreateBucketAsync("scratch-space");

        Assert.Contains("b2_update_bucket", (await agent.SearchAsync("automatically delete files under tmp/ after 7 days", 3)));
        var bucket = await BucketAsync(agent, "scratch-space");
        var rules = new[] { new { fileNamePrefix = "tmp/", daysFromUploadingToHiding = 7, daysFromHidingToDeleting = 1 } };
        var arguments = new { bucketId = bucket.GetProperty("bucketId").GetString(), lifecycleRules = rules };
        var gated = await agent.TryAsync("call_operation", new() { ["operation"] = "b2_update_bucket", ["arguments"] = JsonSerializer.SerializeToElement(arguments) });
        Assert.True(gated.IsError);
        Assert.StartsWith("confirmation_required:", McpAgent.Text(gated), StringComparison.Ordinal);
        Assert.Empty((await BucketAsync(agent, "scratch-space")).GetProperty("lifecycleRules").EnumerateArray());

        var updated = await agent.OperationAsync("b2_update_bucket", arguments, confirm: true);

        var rule = Assert.Single(updated.GetProperty("lifecycleRules").EnumerateArray());
        Assert.Equal("tmp/", rule.GetProperty("fileNamePrefix").GetString());
        Assert.Equal(7, rule.GetProperty("daysFromUploadingToHiding").GetInt32());
        Assert.Equal(1, rule.GetProperty("daysFromHidingToDeleting").GetInt32());
    }

    private static async Task<JsonElement> BucketAsync(McpAgent agent, string name)
    {
        var listed = await agent.OperationAsync("b2_list_buckets", new { bucketName = name });
        return Assert.Single(listed.GetProperty("buckets").EnumerateArray());
    }
}
