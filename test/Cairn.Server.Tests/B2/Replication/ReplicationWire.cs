using System.Globalization;
using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Replication;

/// <summary>Setting up Cloud Replication as a B2 user does, and waiting for its outcome.</summary>
internal static class ReplicationWire
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Settings for a server that replicates promptly: polls every 50 ms, retries after 50–100 ms, gives up after 3 attempts.</summary>
    public static Dictionary<string, string> FastSettings(int maxAttempts = 3) => new()
    {
        ["Cairn:AbsoluteMinimumPartSize"] = "1000",
        ["Cairn:RecommendedPartSize"] = "1000",
        ["Cairn:Replication:PollInterval"] = "00:00:00.05",
        ["Cairn:Replication:InitialBackoff"] = "00:00:00.05",
        ["Cairn:Replication:MaxBackoff"] = "00:00:00.1",
        ["Cairn:Replication:MaxAttempts"] = maxAttempts.ToString(CultureInfo.InvariantCulture),
        ["Cairn:Notifications:PollInterval"] = "00:00:00.05",
    };

    public static string NewBucketName() => "rp-" + Guid.NewGuid().ToString("N");

    /// <summary>A key with <paramref name="capabilities"/> on one bucket: (id, secret).</summary>
    public static async Task<(string Id, string Secret)> CreateKeyAsync(B2Session session, string bucketId, params string[] capabilities)
    {
        var key = await session.CallAsync("b2_create_key", new { accountId = session.AccountId, capabilities, keyName = "replication", bucketId });
        return (key.GetProperty("applicationKeyId").GetString()!, key.GetProperty("applicationKey").GetString()!);
    }

    /// <summary>Makes a bucket a replication destination for <paramref name="sourceKeyId"/>, written with <paramref name="destinationKeyId"/>.</summary>
    public static Task<JsonElement> MakeDestinationAsync(B2Session session, string bucketId, string sourceKeyId, string destinationKeyId) =>
        session.CallAsync("b2_update_bucket", new
        {
            accountId = session.AccountId,
            bucketId,
            replicationConfiguration = new Dictionary<string, object?>
            {
                ["asReplicationSource"] = null,
                ["asReplicationDestination"] = new { sourceToDestinationKeyMapping = new Dictionary<string, string> { [sourceKeyId] = destinationKeyId } },
            },
        });

    public static object Rule(string destinationBucketId, string name, string prefix = "", bool includeExistingFiles = false, int priority = 128, bool isEnabled = true) => new
    {
        destinationBucketId,
        fileNamePrefix = prefix,
        includeExistingFiles,
        isEnabled,
        priority,
        replicationRuleName = name,
    };

    public static Task<JsonElement> MakeSourceAsync(B2Session session, string bucketId, string sourceKeyId, params object[] rules) =>
        session.CallAsync("b2_update_bucket", new
        {
            accountId = session.AccountId,
            bucketId,
            replicationConfiguration = new Dictionary<string, object?>
            {
                ["asReplicationSource"] = new { sourceApplicationKeyId = sourceKeyId, replicationRules = rules },
                ["asReplicationDestination"] = null,
            },
        });

    /// <summary>Waits until b2_get_file_info shows <paramref name="status"/>; returns the file info.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(B2Session session, string fileId, string status)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            var info = await session.CallAsync("b2_get_file_info", new { fileId });
            var current = info.TryGetProperty("replicationStatus", out var s) ? s.GetString() : null;
            if (current == status)
            {
                return info;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{fileId} is still {current ?? "without status"}, not {status}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Every version in the bucket (names and versions, newest first per name).</summary>
    public static async Task<IReadOnlyList<JsonElement>> VersionsAsync(B2Session session, string bucketId)
    {
        var listed = await session.CallAsync("b2_list_file_versions", new { bucketId, maxFileCount = 1000 });
        return listed.GetProperty("files").EnumerateArray().ToList();
    }

    public static async Task<byte[]> DownloadAsync(B2Session session, string fileId, string expectedStatus)
    {
        using var response = await session.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={fileId}");
        response.EnsureSuccessStatusCode();
        Assert.Equal(expectedStatus, response.Headers.GetValues("X-Bz-Replication-Status").Single());
        return await response.Content.ReadAsByteArrayAsync();
    }
}
