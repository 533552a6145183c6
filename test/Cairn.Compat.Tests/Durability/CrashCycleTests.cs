using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Cairn.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Durability;

/// <summary>
/// Many SIGKILLs of a real Cairn process at random moments under mixed load: small uploads, uploads that lifecycle
/// passes hide, large files (started, parts, finished, cancelled or left unfinished), server-side copies, hides and
/// deletes, with event notifications to a webhook. After each restart: every acknowledged write is there and downloads
/// with its SHA-1, every acknowledged delete and cancel holds, nothing half-written is visible, tmp/ is empty and the
/// blobs on disk are exactly those the metadata references (the orphan sweep reclaimed the rest). After the last
/// cycle, every acknowledged change's event reaches the webhook.
/// </summary>
/// <remarks>
/// <c>CAIRN_CRASH_CYCLES</c> sets the number of cycles (3 by default, which CI runs) and <c>CAIRN_CRASH_SEED</c> the
/// random seed (printed, so a failing run can be repeated); see README ("Durability").
/// </remarks>
public sealed class CrashCycleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Workers = 8;
    private const int MinPartSize = 1024;
    private const int OlderDownloadsPerCycle = 60;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "cairn-crash-cycles-" + Guid.NewGuid().ToString("N"));
    private readonly List<CairnProcess> _processes = [];
    private readonly Model _model = new();

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
    public async Task MixedLoad_KilledAtRandomMoments_KeepsEveryAcknowledgedWriteAndNothingElse()
    {
        var cycles = EnvInt("CAIRN_CRASH_CYCLES", 3);
        var seed = EnvInt("CAIRN_CRASH_SEED", Environment.TickCount & 0x7fffffff);
        output.WriteLine($"{cycles} crash cycles, seed {seed} (repeat with CAIRN_CRASH_SEED={seed})");
        var random = new Random(seed);
        var total = Stopwatch.StartNew();

        await using var receiver = await WebhookReceiver.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["CAIRN_ABSOLUTE_MINIMUM_PART_SIZE"] = MinPartSize.ToString(CultureInfo.InvariantCulture),
            ["CAIRN_Cairn__LifecycleInterval"] = "00:00:00.5",
            ["CAIRN_Cairn__Notifications__PollInterval"] = "00:00:00.1",
            ["CAIRN_Cairn__Notifications__InitialBackoff"] = "00:00:00.1",
            ["CAIRN_Cairn__Notifications__MaxBackoff"] = "00:00:00.3",
            ["CAIRN_Cairn__Notifications__MaxAttempts"] = "100000",
            ["CAIRN_Cairn__Notifications__WebhookTimeout"] = "00:00:01",
            ["CAIRN_Cairn__Notifications__LeaseDuration"] = "00:00:02",
        };

        var server = await StartAsync(environment);
        var bucketName = "cycles-" + Guid.NewGuid().ToString("N")[..12];
        string bucketId;
        using (var session = await B2Session.AuthorizeAsync(server))
        {
            bucketId = await session.CreateBucketAsync(bucketName);
            await session.CallAsync("b2_update_bucket", new
            {
                accountId = session.AccountId,
                bucketId,
                lifecycleRules = new[] { new { fileNamePrefix = "lc/", daysFromUploadingToHiding = 1, daysFromHidingToDeleting = (int?)null } },
            });
            await session.CallAsync("b2_set_bucket_notification_rules", new
            {
                bucketId,
                eventNotificationRules = new[]
                {
                    new
                    {
                        name = "crash-cycles",
                        eventTypes = new[] { "b2:ObjectCreated:*", "b2:HideMarkerCreated:*", "b2:ObjectDeleted:*" },
                        isEnabled = true,
                        objectNamePrefix = "",
                        targetConfiguration = new { targetType = "webhook", url = receiver.Url, hmacSha256SigningSecret = "CrashCycleSecret0123456789abcdef" },
                    },
                },
            });
        }

        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource();
            using var session = await B2Session.AuthorizeAsync(server);
            var workers = Enumerable.Range(0, Workers)
                .Select(w => Task.Run(() => WorkAsync(session, bucketId, cycle, w, random.Next(), stop.Token)))
                .ToList();
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 3000)));
            var writing = server.CountBlobsBeingWritten();
            // Killed with requests in flight; only then do the clients stop (their failures from here on are the kill's).
            _model.Killing = true;
            server.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(workers).WaitAsync(Bound);
            _model.Killing = false;

            server = await StartAsync(environment);
            var verified = await VerifyAsync(server, bucketId, cycle, last: cycle == cycles, random);
            output.WriteLine($"cycle {cycle}: killed after {_model.Summary(cycle)}, {writing} blobs being written; "
                + $"after the restart {verified}; {stopwatch.Elapsed.TotalSeconds:F1} s");
        }

        // Every acknowledged change's event arrives once the last server has caught up with its outbox.
        var expected = _model.ExpectedEvents();
        try
        {
            await receiver.WaitForAsync(r => expected.IsSubsetOf(ReceivedEvents(r)), Bound);
        }
        catch (TimeoutException)
        {
            var missing = expected.Except(ReceivedEvents(receiver.Received)).ToList();
            Assert.Fail($"{missing.Count} of {expected.Count} acknowledged changes never produced an event: "
                + string.Join(", ", missing.Take(20)));
        }
        output.WriteLine($"{cycles} cycles in {total.Elapsed.TotalSeconds:F0} s; {_model.Totals()}; "
            + $"{expected.Count} acknowledged changes each delivered as an event");
    }

    private static HashSet<string> ReceivedEvents(IReadOnlyList<ReceivedWebhook> received) =>
        received.SelectMany(r => r.Events)
            .Select(e => $"{e.GetProperty("eventType").GetString()!.Split(':')[1]} {e.GetProperty("objectName").GetString()}")
            .ToHashSet();

    private async Task<CairnProcess> StartAsync(Dictionary<string, string> environment)
    {
        var process = await CairnProcess.StartAsync(_dataPath, environment: environment);
        _processes.Add(process);
        return process;
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    // ---------------------------------------------------------------- load

    private async Task WorkAsync(B2Session session, string bucketId, int cycle, int worker, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        using var http = new HttpClient { Timeout = Bound };
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var name = $"c{cycle:D3}/w{worker}/{n:D4}";
            var roll = random.Next(100);
            try
            {
                if (roll < 35)
                {
                    await UploadAsync(session, http, bucketId, "u/" + name, random, lifecycle: false, stop);
                }
                else if (roll < 42)
                {
                    await UploadAsync(session, http, bucketId, "lc/" + name, random, lifecycle: true, stop);
                }
                else if (roll < 62)
                {
                    await LargeFileAsync(session, http, bucketId, "large/" + name, random, stop);
                }
                else if (roll < 77)
                {
                    await CopyAsync(session, "copy/" + name, random, stop);
                }
                else if (roll < 87)
                {
                    await HideAsync(session, bucketId, stop);
                }
                else
                {
                    await DeleteAsync(session, stop);
                }
            }
            catch (Exception e) when (_model.Killing && e is HttpRequestException or IOException or TaskCanceledException or OperationCanceledException)
            {
                // The kill cut this call; its op stays "unknown" in the model.
            }
        }
    }

    private async Task UploadAsync(B2Session session, HttpClient http, string bucketId, string name, Random random, bool lifecycle, CancellationToken stop)
    {
        var content = RandomContent(random, random.Next(10) == 0 ? 1024 * 1024 : 64 * 1024);
        var write = _model.Attempt(name, content, WriteKind.Upload);
        var (url, token) = await session.GetUploadUrlAsync(bucketId);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(content) };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        request.Headers.TryAddWithoutValidation("X-Bz-File-Name", name);
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", write.Sha1);
        if (lifecycle)
        {
            // Three days old: the next lifecycle pass hides it.
            var old = DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeMilliseconds();
            request.Headers.TryAddWithoutValidation("X-Bz-Custom-Upload-Timestamp", old.ToString(CultureInfo.InvariantCulture));
        }
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
        var file = await SendAsync(http, request, stop);
        write.Acknowledge(file.GetProperty("fileId").GetString()!);
        if (!lifecycle)
        {
            _model.Sources.Enqueue(write);
            _model.Hideable.Enqueue(write);
        }
    }

    private async Task LargeFileAsync(B2Session session, HttpClient http, string bucketId, string name, Random random, CancellationToken stop)
    {
        // Two or three parts: B2 refuses to finish a large file of one part.
        var parts = Enumerable.Range(0, random.Next(2, 4)).Select(i => RandomContent(random, 64 * 1024)).ToList();
        for (var i = 0; i < parts.Count - 1; i++)
        {
            if (parts[i].Length < MinPartSize)
            {
                parts[i] = RandomContent(random, MinPartSize, MinPartSize);
            }
        }
        var whole = parts.SelectMany(p => p).ToArray();
        var large = _model.Attempt(name, whole, WriteKind.LargeFile);
        var started = await CallAsync(session, "b2_start_large_file", new { bucketId, fileName = name, contentType = "application/octet-stream" }, stop);
        var fileId = started.GetProperty("fileId").GetString()!;
        large.Start(fileId);
        var partUrl = await CallAsync(session, "b2_get_upload_part_url", new { fileId }, stop);
        var sha1s = new List<string>();
        for (var i = 0; i < parts.Count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, partUrl.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(parts[i]) };
            request.Headers.TryAddWithoutValidation("Authorization", partUrl.GetProperty("authorizationToken").GetString());
            request.Headers.TryAddWithoutValidation("X-Bz-Part-Number", (i + 1).ToString(CultureInfo.InvariantCulture));
            sha1s.Add(B2Session.Sha1Hex(parts[i]));
            request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", sha1s[^1]);
            await SendAsync(http, request, stop);
        }
        var ending = random.Next(10);
        if (ending < 7)
        {
            large.FinishAttempted();
            await CallAsync(session, "b2_finish_large_file", new { fileId, partSha1Array = sha1s }, stop);
            large.Acknowledge(fileId);
            _model.Sources.Enqueue(large);
            _model.Hideable.Enqueue(large);
        }
        else if (ending < 9)
        {
            large.CancelAttempted();
            await CallAsync(session, "b2_cancel_large_file", new { fileId }, stop);
            large.CancelAcknowledged();
        }
        // else: left unfinished, parts and all.
    }

    private async Task CopyAsync(B2Session session, string name, Random random, CancellationToken stop)
    {
        if (!_model.TryPickSource(random, out var source))
        {
            return;
        }
        var copy = _model.Attempt(name, source.Sha1, source.Length, WriteKind.Copy);
        var file = await CallAsync(session, "b2_copy_file", new { sourceFileId = source.FileId, fileName = name }, stop);
        copy.Acknowledge(file.GetProperty("fileId").GetString()!);
        _model.Deletable.Enqueue(copy);
    }

    private async Task HideAsync(B2Session session, string bucketId, CancellationToken stop)
    {
        if (!_model.Hideable.TryDequeue(out var source))
        {
            return;
        }
        var hide = _model.AttemptHide(source.Name);
        var marker = await CallAsync(session, "b2_hide_file", new { bucketId, fileName = source.Name }, stop);
        hide.Acknowledge(marker.GetProperty("fileId").GetString()!);
    }

    private async Task DeleteAsync(B2Session session, CancellationToken stop)
    {
        if (!_model.Deletable.TryDequeue(out var victim))
        {
            return;
        }
        victim.DeleteAttempted();
        await CallAsync(session, "b2_delete_file_version", new { fileId = victim.FileId, fileName = victim.Name }, stop);
        victim.DeleteAcknowledged();
    }

    private static async Task<JsonElement> CallAsync(B2Session session, string operation, object body, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{session.ApiUrl}/b2api/v2/{operation}")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", session.Token);
        return await SendAsync(session.Http, request, stop);
    }

    /// <summary>Sends and returns the 200 body; anything else before the kill is a server fault and fails the test.</summary>
    private static async Task<JsonElement> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken stop)
    {
        using var response = await http.SendAsync(request, stop);
        var text = await response.Content.ReadAsStringAsync(stop);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{request.RequestUri?.AbsolutePath} answered {(int)response.StatusCode} before the kill: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static byte[] RandomContent(Random random, int max, int min = 1)
    {
        var content = new byte[random.Next(min, max + 1)];
        random.NextBytes(content);
        return content;
    }

    // ---------------------------------------------------------------- checks

    private async Task<string> VerifyAsync(CairnProcess server, string bucketId, int cycle, bool last, Random random)
    {
        var problems = new ConcurrentQueue<string>();
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_dataPath, "tmp")));
        Assert.True(await server.WaitForOutputAsync("Orphan sweep removed", Bound),
            "the start-up orphan sweep did not finish; output:" + Environment.NewLine + server.Output);

        using var session = await B2Session.AuthorizeAsync(server);
        var versions = await ListAllAsync(session, "b2_list_file_versions", bucketId, "startFileId");
        var unfinished = await ListAllAsync(session, "b2_list_unfinished_large_files", bucketId, "startFileId", withName: false);
        var listed = new Dictionary<string, JsonElement>();
        foreach (var version in versions)
        {
            if (!listed.TryAdd(version.GetProperty("fileId").GetString()!, version))
            {
                problems.Enqueue($"{version.GetProperty("fileId")} is listed twice by b2_list_file_versions");
            }
        }
        var unfinishedIds = unfinished.Select(f => f.GetProperty("fileId").GetString()!).ToHashSet();

        // Acknowledged promises hold.
        foreach (var write in _model.Writes)
        {
            if (write.FileId is { } fileId && write.Acknowledged && !write.DeleteWasAttempted)
            {
                if (!listed.TryGetValue(fileId, out var version))
                {
                    problems.Enqueue($"{write}: acknowledged, but not listed after the restart");
                }
                else if (version.GetProperty("action").GetString() != "upload")
                {
                    problems.Enqueue($"{write}: acknowledged, but listed with action {version.GetProperty("action")}");
                }
            }
            if (write.FileId is { } gone && write.DeleteWasAcknowledged && listed.ContainsKey(gone))
            {
                problems.Enqueue($"{write}: its delete was acknowledged, yet it is listed after the restart");
            }
            if (write.StartedId is { } started && write.CancelWasAcknowledged && (listed.ContainsKey(started) || unfinishedIds.Contains(started)))
            {
                problems.Enqueue($"{write}: its cancel was acknowledged, yet it is still listed after the restart");
            }
            if (write.StartedId is { } finished && write.Acknowledged && unfinishedIds.Contains(finished))
            {
                problems.Enqueue($"{write}: its finish was acknowledged, yet b2_list_unfinished_large_files lists it");
            }
        }
        foreach (var hide in _model.Hides.Where(h => h.FileId is not null && !listed.ContainsKey(h.FileId)))
        {
            problems.Enqueue($"hide of {hide.Name} ({hide.FileId}): acknowledged, but the marker is not listed after the restart");
        }

        // Nothing half-written: every listed entry was really attempted; every upload downloads whole.
        var toDownload = new List<(JsonElement Version, Write Write)>();
        var older = new List<(JsonElement Version, Write Write)>();
        foreach (var version in versions)
        {
            var name = version.GetProperty("fileName").GetString()!;
            var action = version.GetProperty("action").GetString();
            if (action == "hide")
            {
                if (!_model.HideNames.ContainsKey(name) && !name.StartsWith("lc/", StringComparison.Ordinal))
                {
                    problems.Enqueue($"{name}: a hide marker is listed, but no hide of it was ever tried");
                }
                continue;
            }
            if (!_model.ByName.TryGetValue(name, out var write))
            {
                problems.Enqueue($"{name}: listed ({action}), but nothing of that name was ever tried");
                continue;
            }
            if (action == "start")
            {
                if (write.Kind != WriteKind.LargeFile || write.Acknowledged)
                {
                    problems.Enqueue($"{write}: listed as an unfinished large file");
                }
                continue;
            }
            if (write.Kind == WriteKind.LargeFile && !write.FinishWasAttempted)
            {
                problems.Enqueue($"{write}: listed as finished, but its finish was never called");
            }
            (write.Cycle >= cycle || last ? toDownload : older).Add((version, write));
        }
        toDownload.AddRange(older.OrderBy(_ => random.Next()).Take(OlderDownloadsPerCycle));
        await Parallel.ForEachAsync(toDownload, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
        {
            var fileId = item.Version.GetProperty("fileId").GetString()!;
            using var response = await session.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={Uri.EscapeDataString(fileId)}");
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Enqueue($"{item.Write}: listed as {fileId}, but its download answers {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
            }
            else if (body.Length != item.Write.Length || B2Session.Sha1Hex(body) != item.Write.Sha1)
            {
                problems.Enqueue($"{item.Write}: downloads {body.Length} bytes with SHA-1 {B2Session.Sha1Hex(body)}, not what was written");
            }
        });

        // Orphans reclaimed: the blob files are exactly the blobs the metadata references.
        var onDisk = Directory.EnumerateFiles(Path.Combine(_dataPath, "blobs"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToHashSet();
        var referenced = ReferencedBlobs();
        var orphans = onDisk.Except(referenced).ToList();
        var missing = referenced.Except(onDisk!).ToList();
        if (orphans.Count > 0)
        {
            problems.Enqueue($"{orphans.Count} blob files nothing references survived the orphan sweep: {string.Join(", ", orphans.Take(5))}");
        }
        if (missing.Count > 0)
        {
            problems.Enqueue($"{missing.Count} referenced blobs have no file: {string.Join(", ", missing.Take(5))}");
        }

        Assert.True(problems.IsEmpty, $"cycle {cycle}: {problems.Count} problems after the restart:{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Take(40)));
        var lifecycleHides = versions.Count(v => v.GetProperty("action").GetString() == "hide" && v.GetProperty("fileName").GetString()!.StartsWith("lc/", StringComparison.Ordinal));
        return $"{versions.Count} versions ({lifecycleHides} hidden by lifecycle passes), {unfinished.Count} unfinished large files, {onDisk.Count} blobs, {toDownload.Count} downloaded";
    }

    private HashSet<string> ReferencedBlobs()
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = FindDatabase(), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT blob_id FROM segments UNION SELECT blob_id FROM parts";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private string FindDatabase() => Path.Combine(_dataPath, "metadata.db");

    private static async Task<List<JsonElement>> ListAllAsync(B2Session session, string operation, string bucketId, string startIdField, bool withName = true)
    {
        var all = new List<JsonElement>();
        string? startName = null;
        string? startId = null;
        for (var page = 0; page < 10_000; page++)
        {
            var body = new Dictionary<string, object?> { ["bucketId"] = bucketId, ["maxFileCount"] = withName ? 1000 : 100 };
            if (startName is not null && withName)
            {
                body["startFileName"] = startName;
            }
            if (startId is not null)
            {
                body[startIdField] = startId;
            }
            var result = await session.CallAsync(operation, body);
            all.AddRange(result.GetProperty("files").EnumerateArray());
            startName = withName && result.TryGetProperty("nextFileName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            startId = result.TryGetProperty("nextFileId", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            if (startName is null && startId is null)
            {
                return all;
            }
        }
        throw new InvalidOperationException($"{operation} did not end within 10,000 pages");
    }

    // ---------------------------------------------------------------- model

    private enum WriteKind
    {
        Upload,
        LargeFile,
        Copy,
    }

    /// <summary>What the clients tried and what the server acknowledged, across all cycles.</summary>
    private sealed class Model
    {
        private volatile bool _killing;

        /// <summary>Set just before the kill: a client call that fails from then on was cut by it.</summary>
        public bool Killing
        {
            get => _killing;
            set => _killing = value;
        }

        public ConcurrentQueue<Write> Writes { get; } = new();

        public ConcurrentDictionary<string, Write> ByName { get; } = new();

        public ConcurrentQueue<Hide> Hides { get; } = new();

        public ConcurrentDictionary<string, byte> HideNames { get; } = new();

        /// <summary>Acknowledged uploads and finished large files: copied and hidden, never deleted.</summary>
        public ConcurrentQueue<Write> Sources { get; } = new();

        /// <summary>Acknowledged uploads and finished large files, each hidden at most once.</summary>
        public ConcurrentQueue<Write> Hideable { get; } = new();

        /// <summary>Acknowledged copies, each deleted at most once.</summary>
        public ConcurrentQueue<Write> Deletable { get; } = new();

        public Write Attempt(string name, byte[] content, WriteKind kind) => Attempt(name, B2Session.Sha1Hex(content), content.Length, kind);

        public Write Attempt(string name, string sha1, long length, WriteKind kind)
        {
            var cycle = int.Parse(name.Split('/')[1][1..], CultureInfo.InvariantCulture);
            var write = new Write(name, sha1, length, kind, cycle);
            Writes.Enqueue(write);
            ByName[name] = write;
            return write;
        }

        public Hide AttemptHide(string name)
        {
            HideNames[name] = 0;
            var hide = new Hide(name);
            Hides.Enqueue(hide);
            return hide;
        }

        public bool TryPickSource(Random random, out Write source)
        {
            var sources = Sources.ToArray();
            source = sources.Length > 0 ? sources[random.Next(sources.Length)] : null!;
            return sources.Length > 0;
        }

        public string Summary(int cycle)
        {
            var writes = Writes.Where(w => w.Cycle == cycle).ToList();
            return $"{writes.Count} writes tried ({writes.Count(w => w.Acknowledged)} acknowledged)";
        }

        public string Totals() =>
            $"{Writes.Count} writes tried, {Writes.Count(w => w.Acknowledged)} acknowledged "
            + $"({Writes.Count(w => w.Acknowledged && w.Kind == WriteKind.LargeFile)} large files finished, {Writes.Count(w => w.Acknowledged && w.Kind == WriteKind.Copy)} copies), "
            + $"{Hides.Count(h => h.FileId is not null)} hides, {Writes.Count(w => w.DeleteWasAcknowledged)} deletes and {Writes.Count(w => w.CancelWasAcknowledged)} cancels acknowledged";

        /// <summary>"Created name", "HideMarkerCreated name" and "Deleted name" for every acknowledged change.</summary>
        public HashSet<string> ExpectedEvents()
        {
            var events = new HashSet<string>(StringComparer.Ordinal);
            foreach (var write in Writes.Where(w => w.Acknowledged))
            {
                events.Add("ObjectCreated " + write.Name);
                if (write.DeleteWasAcknowledged)
                {
                    events.Add("ObjectDeleted " + write.Name);
                }
            }
            foreach (var hide in Hides.Where(h => h.FileId is not null))
            {
                events.Add("HideMarkerCreated " + hide.Name);
            }
            return events;
        }
    }

    private sealed class Write(string name, string sha1, long length, WriteKind kind, int cycle)
    {
        private volatile string? _fileId;
        private volatile string? _startedId;
        private volatile bool _finishAttempted;
        private volatile bool _cancelAttempted;
        private volatile bool _cancelAcknowledged;
        private volatile bool _deleteAttempted;
        private volatile bool _deleteAcknowledged;

        public string Name { get; } = name;

        public string Sha1 { get; } = sha1;

        public long Length { get; } = length;

        public WriteKind Kind { get; } = kind;

        public int Cycle { get; } = cycle;

        public string? FileId => _fileId;

        public string? StartedId => _startedId;

        public bool Acknowledged => _fileId is not null;

        public bool FinishWasAttempted => _finishAttempted;

        public bool CancelWasAcknowledged => _cancelAcknowledged;

        public bool DeleteWasAttempted => _deleteAttempted;

        public bool DeleteWasAcknowledged => _deleteAcknowledged;

        public void Acknowledge(string fileId) => _fileId = fileId;

        public void Start(string fileId) => _startedId = fileId;

        public void FinishAttempted() => _finishAttempted = true;

        public void CancelAttempted() => _cancelAttempted = true;

        public void CancelAcknowledged() => _cancelAcknowledged = true;

        public void DeleteAttempted() => _deleteAttempted = true;

        public void DeleteAcknowledged() => _deleteAcknowledged = true;

        public override string ToString() =>
            $"{Kind} {Name} (cycle {Cycle}, {Length} bytes, SHA-1 {Sha1}, fileId {_fileId ?? _startedId ?? "none"}"
            + (_cancelAttempted ? ", cancel tried" : "") + (_deleteAttempted ? ", delete tried" : "") + ")";
    }

    private sealed class Hide(string name)
    {
        private volatile string? _fileId;

        public string Name { get; } = name;

        public string? FileId => _fileId;

        public void Acknowledge(string fileId) => _fileId = fileId;
    }
}
