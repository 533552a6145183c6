using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Fuzz.Tests;

/// <summary>
/// After the fuzz: every listed version in every bucket downloads whole with its SHA-1, no unfinished large file is
/// visible that the run did not start, and /health answers.
/// </summary>
public static class StoreAudit
{
    public static Task<List<string>> RunAsync(CairnServer server, FuzzWorld world) => RunAsync(server, world.StartedLargeFiles);

    /// <param name="server">The server the fuzz ran against.</param>
    /// <param name="startedLargeFiles">Every large file the run started (by seeding or by a request that succeeded).</param>
    public static async Task<List<string>> RunAsync(CairnServer server, IReadOnlySet<string> startedLargeFiles)
    {
        var problems = new List<string>();
        using var master = await B2Session.AuthorizeAsync(server, 2);
        using (var health = await master.Http.GetAsync("health"))
        {
            if (health.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"/health answered {(int)health.StatusCode}");
            }
        }
        var buckets = await master.CallAsync("b2_list_buckets", new { accountId = master.AccountId });
        var checkedVersions = 0;
        foreach (var bucket in buckets.GetProperty("buckets").EnumerateArray())
        {
            var bucketId = bucket.GetProperty("bucketId").GetString()!;
            string? startName = null, startId = null;
            for (var page = 0; page < 1000; page++)
            {
                var list = await master.CallAsync("b2_list_file_versions", new { bucketId, startFileName = startName, startFileId = startId, maxFileCount = 1000 });
                foreach (var version in list.GetProperty("files").EnumerateArray())
                {
                    checkedVersions++;
                    if (await CheckVersionAsync(master, startedLargeFiles, version) is { } problem)
                    {
                        problems.Add(problem);
                    }
                }
                startName = list.GetProperty("nextFileName").GetString();
                startId = list.TryGetProperty("nextFileId", out var nextId) ? nextId.GetString() : null;
                if (startName is null)
                {
                    break;
                }
            }
            var unfinished = await master.CallAsync("b2_list_unfinished_large_files", new { bucketId, maxFileCount = 100 });
            foreach (var file in unfinished.GetProperty("files").EnumerateArray())
            {
                var id = file.GetProperty("fileId").GetString()!;
                if (!startedLargeFiles.Contains(id))
                {
                    problems.Add($"unfinished large file {id} ({file.GetProperty("fileName").GetString()}) is listed, but no request that succeeded started it");
                }
            }
        }
        if (checkedVersions == 0)
        {
            problems.Add("no versions listed at all: the seeded files are gone");
        }
        return problems;
    }

    private static async Task<string?> CheckVersionAsync(B2Session master, IReadOnlySet<string> startedLargeFiles, JsonElement version)
    {
        var id = version.GetProperty("fileId").GetString()!;
        var name = version.GetProperty("fileName").GetString()!;
        var action = version.GetProperty("action").GetString();
        if (action == "start")
        {
            return startedLargeFiles.Contains(id) ? null : $"half-written: unfinished large file {id} ({name}) visible, not started by the run";
        }
        if (action != "upload")
        {
            return null;
        }
        if (version.TryGetProperty("serverSideEncryption", out var sse) && sse.ValueKind == JsonValueKind.Object
            && sse.TryGetProperty("mode", out var mode) && mode.GetString() == "SSE-C")
        {
            return null; // its key was never kept; the fuzz does not know it
        }
        using var response = await master.DownloadAsync("b2api/v2/b2_download_file_by_id?fileId=" + Uri.EscapeDataString(id));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"{name} ({id}) is listed but its download answers {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
        }
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes.LongLength != version.GetProperty("contentLength").GetInt64())
        {
            return $"{name} ({id}): downloaded {bytes.LongLength} bytes, listed contentLength {version.GetProperty("contentLength").GetInt64()}";
        }
        var expected = version.GetProperty("contentSha1").GetString() ?? "none";
        if (expected.StartsWith("unverified:", StringComparison.Ordinal))
        {
            expected = expected["unverified:".Length..];
        }
        if (expected == "none" && version.TryGetProperty("fileInfo", out var info) && info.TryGetProperty("large_file_sha1", out var whole))
        {
            expected = whole.GetString() ?? "none";
        }
        if (expected == "none")
        {
            return null; // a large file without large_file_sha1: its parts were checked when they were uploaded
        }
        var actual = Convert.ToHexStringLower(SHA1.HashData(bytes));
        return string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase) ? null : $"{name} ({id}): SHA-1 {actual}, listed {expected}";
    }
}
