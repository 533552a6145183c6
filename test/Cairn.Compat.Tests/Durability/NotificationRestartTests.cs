using System.Net;
using System.Net.Sockets;
using System.Text;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Durability;

/// <summary>
/// Queued events live in the metadata store's outbox, not in memory: events created while the webhook is down survive
/// a SIGKILL of the server and are delivered once it runs again and the webhook comes up.
/// </summary>
public sealed class NotificationRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Secret = "RestartSecret0123456789abcdefABC";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // Fast polls and retries, and enough attempts that the rule is not suspended while the webhook is down.
    private static readonly Dictionary<string, string> FastDelivery = new()
    {
        ["CAIRN_Cairn__Notifications__PollInterval"] = "00:00:00.1",
        ["CAIRN_Cairn__Notifications__InitialBackoff"] = "00:00:00.1",
        ["CAIRN_Cairn__Notifications__MaxBackoff"] = "00:00:00.3",
        ["CAIRN_Cairn__Notifications__MaxAttempts"] = "100000",
        // The killed server's lease must run out before the restarted one may deliver.
        ["CAIRN_Cairn__Notifications__LeaseDuration"] = "00:00:04",
    };

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "cairn-notify-restart-" + Guid.NewGuid().ToString("N"));
    private readonly List<CairnProcess> _processes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task QueuedEvents_WebhookDown_SurviveSigkillAndArriveAfterRestart()
    {
        var port = FreeLoopbackPort();
        var hookUrl = $"http://127.0.0.1:{port}/hook";
        var first = await StartAsync();
        string bucketId;
        var expected = new List<string>();
        using (var session = await B2Session.AuthorizeAsync(first))
        {
            bucketId = await session.CreateBucketAsync("restart-" + Guid.NewGuid().ToString("N")[..12]);
            await session.CallAsync("b2_set_bucket_notification_rules", new
            {
                bucketId,
                eventNotificationRules = new[]
                {
                    new
                    {
                        name = "survives-restart",
                        eventTypes = new[] { "b2:ObjectCreated:*", "b2:HideMarkerCreated:*", "b2:ObjectDeleted:*" },
                        isEnabled = true,
                        objectNamePrefix = "",
                        targetConfiguration = new { targetType = "webhook", url = hookUrl, hmacSha256SigningSecret = Secret },
                    },
                },
            });
            for (var i = 0; i < 3; i++)
            {
                await session.UploadAsync(bucketId, $"file-{i}.txt", Encoding.UTF8.GetBytes($"content {i}"));
                expected.Add($"b2:ObjectCreated:Upload file-{i}.txt");
            }
            await session.CallAsync("b2_hide_file", new { bucketId, fileName = "file-0.txt" });
            expected.Add("b2:HideMarkerCreated:Hide file-0.txt");
            var versions = await session.CallAsync("b2_list_file_versions", new { bucketId, prefix = "file-1.txt" });
            await session.CallAsync("b2_delete_file_version", new { fileId = versions.GetProperty("files")[0].GetProperty("fileId").GetString(), fileName = "file-1.txt" });
            expected.Add("b2:ObjectDeleted:Delete file-1.txt");
        }

        // Let delivery fail against the closed port (the dispatcher logs the failed attempt), then kill the server outright.
        Assert.True(await first.WaitForOutputAsync("failed (attempt", Bound), "no failed delivery attempt was logged" + Environment.NewLine + first.Output);
        first.Kill();
        output.WriteLine("killed while the webhook was down");

        await using var receiver = await WebhookReceiver.StartAsync(port);
        var second = await StartAsync();

        IReadOnlyList<ReceivedWebhook> received;
        try
        {
            received = await receiver.WaitForAsync(r => r.Sum(x => x.Events.Count) >= expected.Count, Bound);
        }
        finally
        {
            output.WriteLine("first run:" + Environment.NewLine + first.Output);
            output.WriteLine("second run:" + Environment.NewLine + second.Output);
        }
        var events = received.SelectMany(r => r.Events).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal),
            events.Select(e => $"{e.GetProperty("eventType").GetString()} {e.GetProperty("objectName").GetString()}").Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count, events.Select(e => e.GetProperty("eventId").GetString()).Distinct().Count());
        Assert.All(events, e => Assert.Equal(bucketId, e.GetProperty("bucketId").GetString()));
        Assert.All(received, r => Assert.True(r.HasValidSignature(Secret)));
    }

    private async Task<CairnProcess> StartAsync()
    {
        var process = await CairnProcess.StartAsync(_dataPath, environment: FastDelivery);
        _processes.Add(process);
        return process;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
