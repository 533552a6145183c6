using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Durability;

/// <summary>
/// The promise of DESIGN.md's write path, checked against a real process killed with SIGKILL: an upload that was
/// answered survives, and a crash leaves either nothing visible or a complete file, no temporary files and no orphans.
/// </summary>
public sealed partial class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Workers = 16;
    private const int MinSize = 1024;
    private const int MaxSize = 2 * 1024 * 1024;
    private const double SlowShare = 0.4;
    private const int SlowChunk = 32 * 1024;
    private static readonly TimeSpan SlowPause = TimeSpan.FromMilliseconds(15);
    private static readonly TimeSpan UploadPhase = TimeSpan.FromMilliseconds(2500);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "cairn-crash-" + Guid.NewGuid().ToString("N"));
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
    public async Task Uploads_AnsweredBeforeSigkill_SurviveRestart()
    {
        var total = Stopwatch.StartNew();
        var first = await StartAsync();
        var bucketName = "crash-" + Guid.NewGuid().ToString("N")[..12];
        string bucketId;
        using (var session = await B2Session.AuthorizeAsync(first))
        {
            bucketId = await session.CreateBucketAsync(bucketName);
        }

        // 16 workers, each with its own upload URL, upload files of random sizes until the kill. A share of them
        // trickle their bodies so that, whenever the kill comes, some requests are mid-body.
        var attempts = new ConcurrentQueue<Attempt>();
        var midBody = new MidBodyCounter();
        var writingAtKill = 0;
        var stop = new StopFlag();
        using var uploadHttp = new HttpClient { Timeout = Bound };
        using (var session = await B2Session.AuthorizeAsync(first))
        {
            var workers = Enumerable.Range(0, Workers)
                .Select(w => Task.Run(() => UploadLoopAsync(session, uploadHttp, bucketId, w, attempts, midBody, stop)))
                .ToList();
            await Task.Delay(UploadPhase);
            // Kill at a moment when bodies are in flight (there nearly always are; bounded wait otherwise).
            var waitForMidBody = Stopwatch.StartNew();
            while (midBody.Count == 0 && waitForMidBody.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(1);
            }
            var midBodyAtKill = midBody.Count;
            // The server's own view: blob files it has open and not yet named (or not yet renamed out of tmp/).
            writingAtKill = first.CountBlobsBeingWritten();
            stop.Set();
            first.Kill();
            await Task.WhenAll(workers).WaitAsync(Bound);
            output.WriteLine($"killed with {midBodyAtKill} bodies in flight, {total.Elapsed.TotalSeconds:F1} s into the test");
        }

        var all = attempts.ToList();
        var answered = all.Where(a => a.Status == 200).ToList();
        var tmp = Path.Combine(_dataPath, "tmp");
        var blobsAtKill = CountBlobs();
        output.WriteLine($"{all.Count} uploads tried, {answered.Count} answered 200, {all.Count(a => a.Status is null)} unanswered; "
            + $"{writingAtKill} blobs being written at the kill and {blobsAtKill} blobs on disk after it");

        // The harness did what it claims: uploads succeeded before the kill, and the kill caught writes in progress.
        Assert.NotEmpty(answered);
        Assert.True(writingAtKill > 0, "the server had no blob open for writing at the kill, so no upload was mid-body when it died");
        // Before the kill, every request must have been answered 200; errors then are server faults, not the crash's.
        var faults = all.Where(a => (a.Status is not null and not 200) || a.ErrorBeforeKill is not null).ToList();
        Assert.True(faults.Count == 0, "uploads failed before the kill:" + Environment.NewLine
            + string.Join(Environment.NewLine, faults.Take(20).Select(a => $"{a.Name}: {a.Status} {a.Body}{a.ErrorBeforeKill}")));

        var second = await StartAsync();

        // Start-up deleted what the crash left in tmp/ and swept the blobs nothing references.
        Assert.Empty(Directory.GetFileSystemEntries(tmp));
        Assert.True(await second.WaitForOutputAsync("Orphan sweep removed", TimeSpan.FromSeconds(10)),
            "the start-up orphan sweep did not log; output:" + Environment.NewLine + second.Output);
        var swept = int.Parse(SweepLine().Match(second.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var blobsAfterRestart = CountBlobs();
        output.WriteLine($"start-up sweep removed {swept} orphan blobs; {blobsAfterRestart} blobs remain");
        Assert.Equal(blobsAtKill - swept, blobsAfterRestart);

        using var after = await B2Session.AuthorizeAsync(second);
        var buckets = await after.CallAsync("b2_list_buckets", new { accountId = after.AccountId });
        Assert.True(buckets.GetProperty("buckets").EnumerateArray().Any(b => b.GetProperty("bucketId").GetString() == bucketId),
            $"bucket {bucketName} ({bucketId}), created before the crash, is not listed after the restart: the metadata did not survive. "
            + $"Listed: {buckets.GetProperty("buckets")}");

        var names = await ListAllAsync(after, "b2_list_file_names", bucketId);
        var versions = await ListAllAsync(after, "b2_list_file_versions", bucketId);
        var byName = new Dictionary<string, JsonElement>();
        foreach (var file in names)
        {
            Assert.True(byName.TryAdd(Name(file), file), $"b2_list_file_names lists {Name(file)} twice");
        }
        var versionIds = versions.Select(FileId).ToHashSet();
        var problems = new ConcurrentQueue<string>();

        // Every upload that was answered 200 is there, complete.
        foreach (var a in answered)
        {
            if (!byName.TryGetValue(a.Name, out var listed))
            {
                problems.Enqueue($"{a.Name}: answered 200 (fileId {a.FileId}) before the kill, but b2_list_file_names does not list it after the restart");
                continue;
            }
            if (a.FileId is not null && FileId(listed) != a.FileId)
            {
                problems.Enqueue($"{a.Name}: answered with fileId {a.FileId}, listed with {FileId(listed)}");
            }
            if (!versionIds.Contains(FileId(listed)))
            {
                problems.Enqueue($"{a.Name}: listed by b2_list_file_names as {FileId(listed)} but not by b2_list_file_versions");
            }
        }

        // Everything listed is complete and was really uploaded under its name; answered or not, never half-written.
        var attemptsByName = all.ToDictionary(a => a.Name);
        var uploadVersions = versions.Where(v => v.GetProperty("action").GetString() == "upload").ToList();
        if (uploadVersions.Count != versions.Count)
        {
            problems.Enqueue($"b2_list_file_versions lists {versions.Count - uploadVersions.Count} entries that are not uploads: "
                + string.Join(", ", versions.Where(v => v.GetProperty("action").GetString() != "upload").Select(v => $"{Name(v)} {v.GetProperty("action")}")));
        }
        if (names.Count != versions.Count)
        {
            problems.Enqueue($"every name was uploaded once, yet b2_list_file_names lists {names.Count} files and b2_list_file_versions {versions.Count}");
        }
        await Parallel.ForEachAsync(versions, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (version, _) =>
        {
            var name = Name(version);
            if (!attemptsByName.TryGetValue(name, out var attempt))
            {
                problems.Enqueue($"{name}: listed, but no upload of that name was ever tried");
                return;
            }
            var listedSha1 = version.GetProperty("contentSha1").GetString();
            var listedLength = version.GetProperty("contentLength").GetInt64();
            if (listedSha1 != attempt.Sha1 || listedLength != attempt.Length)
            {
                problems.Enqueue($"{name}: listed as {listedLength} bytes, SHA-1 {listedSha1}; uploaded {attempt.Length} bytes, SHA-1 {attempt.Sha1} ({attempt.Describe()})");
            }
            var encodedName = Uri.EscapeDataString(name).Replace("%2F", "/", StringComparison.Ordinal);
            await CheckDownloadAsync(after, $"b2api/v2/b2_download_file_by_id?fileId={Uri.EscapeDataString(FileId(version))}", attempt, "by id", problems);
            await CheckDownloadAsync(after, $"file/{bucketName}/{encodedName}", attempt, "by name", problems);
        });

        // No orphans: one blob per small upload that is listed, and nothing else.
        if (CountBlobs() != uploadVersions.Count)
        {
            problems.Enqueue($"{CountBlobs()} blob files under blobs/ after the restart, but {uploadVersions.Count} listed upload versions reference one each");
        }

        var unansweredPresent = all.Count(a => a.Status is null && byName.ContainsKey(a.Name));
        output.WriteLine($"after restart: {names.Count} files listed ({answered.Count} answered, {unansweredPresent} unanswered but complete), "
            + $"{total.Elapsed.TotalSeconds:F1} s into the test");
        Assert.True(problems.IsEmpty, $"{problems.Count} problems after the restart:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Take(40))}");
    }

    [Fact]
    public async Task Restart_KeepsBucketsFilesAndMasterKey()
    {
        // No fixed master key: the first start generates one and prints it once; the restart must find it stored.
        var first = await StartAsync(fixedMasterKey: false);
        Assert.True(await first.WaitForOutputAsync("applicationKey:", TimeSpan.FromSeconds(10)),
            "the first start did not print the generated master key:" + Environment.NewLine + first.Output);
        var keyId = KeyIdLine().Match(first.Output).Groups[1].Value;
        var key = KeyLine().Match(first.Output).Groups[1].Value;

        var contents = new Dictionary<string, byte[]>();
        string bucketId;
        string otherBucketId;
        string oldToken;
        var uploaded = new List<(string Name, string FileId, string Sha1)>();
        using (var session = await B2Session.AuthorizeAsync(first, keyId: keyId, key: key))
        {
            oldToken = session.Token;
            bucketId = await session.CreateBucketAsync("restart-keep-" + Guid.NewGuid().ToString("N")[..8]);
            otherBucketId = await session.CreateBucketAsync("restart-other-" + Guid.NewGuid().ToString("N")[..8], "allPublic");
            foreach (var (name, size) in new[] { ("a.txt", 1024), ("dir/b.bin", 300 * 1024), ("a.txt", 5000) })
            {
                var content = RandomNumberGenerator.GetBytes(size);
                var file = await session.UploadAsync(bucketId, name, content);
                uploaded.Add((name, FileId(file), B2Session.Sha1Hex(content)));
                contents[FileId(file)] = content;
            }
        }
        var exitCode = await first.StopAsync();
        Assert.Equal(0, exitCode);

        var second = await StartAsync(fixedMasterKey: false);
        // The key is printed before the host starts, so once the host says it started, the output would hold it.
        Assert.True(await second.WaitForOutputAsync("Application started.", TimeSpan.FromSeconds(10)), second.Output);
        Assert.False(second.Output.Contains("Master application key created", StringComparison.Ordinal),
            "the restart generated a new master key instead of finding the stored one: the metadata did not survive."
            + Environment.NewLine + second.Output);

        // The old token still works: the signing key is stored, and B2 tokens are good for a day.
        using (var http = second.CreateClient())
        using (var request = new HttpRequestMessage(HttpMethod.Post, "b2api/v2/b2_list_buckets"))
        {
            request.Headers.TryAddWithoutValidation("Authorization", oldToken);
            request.Content = JsonContent(new { accountId = keyId });
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK,
                $"the authorization token issued before the restart is refused after it: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using var after = await B2Session.AuthorizeAsync(second, keyId: keyId, key: key);
        var buckets = (await after.CallAsync("b2_list_buckets", new { accountId = after.AccountId })).GetProperty("buckets")
            .EnumerateArray().ToDictionary(b => b.GetProperty("bucketId").GetString()!, b => b.GetProperty("bucketType").GetString());
        Assert.Equal("allPrivate", buckets.GetValueOrDefault(bucketId));
        Assert.Equal("allPublic", buckets.GetValueOrDefault(otherBucketId));

        var names = await ListAllAsync(after, "b2_list_file_names", bucketId);
        Assert.Equal(["a.txt", "dir/b.bin"], names.Select(Name));
        Assert.Equal(uploaded[2].FileId, FileId(names[0]));
        Assert.Equal(uploaded[1].FileId, FileId(names[1]));
        var versions = await ListAllAsync(after, "b2_list_file_versions", bucketId);
        Assert.Equal(
            uploaded.ToHashSet(),
            versions.Select(v => (Name(v), FileId(v), v.GetProperty("contentSha1").GetString()!)).ToHashSet());
        foreach (var (name, fileId, _) in uploaded)
        {
            using var response = await after.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={Uri.EscapeDataString(fileId)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contents[fileId], await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(name, Uri.UnescapeDataString(response.Headers.GetValues("X-Bz-File-Name").Single()));
        }
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_dataPath, "tmp")));
        Assert.Equal(uploaded.Count, CountBlobs());
    }

    private async Task<CairnProcess> StartAsync(bool fixedMasterKey = true)
    {
        var process = await CairnProcess.StartAsync(_dataPath, fixedMasterKey);
        _processes.Add(process);
        return process;
    }

    private int CountBlobs()
    {
        var blobs = Path.Combine(_dataPath, "blobs");
        return Directory.Exists(blobs) ? Directory.EnumerateFiles(blobs, "*", SearchOption.AllDirectories).Count() : 0;
    }

    private static async Task UploadLoopAsync(B2Session session, HttpClient http, string bucketId, int worker,
        ConcurrentQueue<Attempt> attempts, MidBodyCounter midBody, StopFlag stop)
    {
        var (url, token) = await session.GetUploadUrlAsync(bucketId);
        var random = new Random(Environment.TickCount ^ (worker * 7919));
        for (var sequence = 0; !stop.IsSet; sequence++)
        {
            var content = new byte[random.Next(MinSize, MaxSize + 1)];
            random.NextBytes(content);
            var slow = random.NextDouble() < SlowShare;
            var attempt = new Attempt($"crash/w{worker:D2}/{sequence:D5}", B2Session.Sha1Hex(content), content.Length, slow);
            attempts.Enqueue(attempt);
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new PacedContent(content, slow ? SlowChunk : content.Length, slow ? SlowPause : TimeSpan.Zero, midBody),
            };
            request.Headers.TryAddWithoutValidation("Authorization", token);
            request.Headers.TryAddWithoutValidation("X-Bz-File-Name", attempt.Name);
            request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", attempt.Sha1);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                // An answer: from here on the server has promised (200) or refused. The body may still be cut by the kill.
                attempt.Status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                attempt.Body = text;
                if (attempt.Status == 200)
                {
                    var file = JsonDocument.Parse(text).RootElement;
                    attempt.FileId = FileId(file);
                    if (file.GetProperty("contentSha1").GetString() != attempt.Sha1)
                    {
                        attempt.ErrorBeforeKill = $"answered contentSha1 {file.GetProperty("contentSha1")}, sent {attempt.Sha1}";
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException)
            {
                if (!stop.IsSet)
                {
                    attempt.ErrorBeforeKill = e.ToString();
                }
            }
        }
    }

    private static async Task CheckDownloadAsync(B2Session session, string path, Attempt attempt, string how, ConcurrentQueue<string> problems)
    {
        try
        {
            using var response = await session.DownloadAsync(path);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Enqueue($"{attempt.Name}: download {how} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return;
            }
            var header = response.Headers.TryGetValues("X-Bz-Content-Sha1", out var values) ? values.Single() : null;
            await using var body = await response.Content.ReadAsStreamAsync();
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
            var buffer = new byte[81920];
            long length = 0;
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                length += read;
            }
            var sha1 = Convert.ToHexStringLower(sha.GetHashAndReset());
            if (length != attempt.Length || sha1 != attempt.Sha1 || header != attempt.Sha1)
            {
                problems.Enqueue($"{attempt.Name}: download {how} gave {length} bytes, SHA-1 {sha1} (header {header}); "
                    + $"uploaded {attempt.Length} bytes, SHA-1 {attempt.Sha1} ({attempt.Describe()})");
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            problems.Enqueue($"{attempt.Name}: download {how} broke off: {e.Message}");
        }
    }

    private static async Task<List<JsonElement>> ListAllAsync(B2Session session, string operation, string bucketId)
    {
        var all = new List<JsonElement>();
        string? startFileName = null;
        string? startFileId = null;
        for (var page = 0; page < 1000; page++)
        {
            var body = new Dictionary<string, object> { ["bucketId"] = bucketId, ["maxFileCount"] = 1000 };
            if (startFileName is not null)
            {
                body["startFileName"] = startFileName;
            }
            if (startFileId is not null)
            {
                body["startFileId"] = startFileId;
            }
            var result = await session.CallAsync(operation, body);
            all.AddRange(result.GetProperty("files").EnumerateArray());
            startFileName = result.TryGetProperty("nextFileName", out var next) ? next.GetString() : null;
            startFileId = result.TryGetProperty("nextFileId", out var nextId) ? nextId.GetString() : null;
            if (startFileName is null)
            {
                return all;
            }
        }
        throw new InvalidOperationException($"{operation} did not finish in 1000 pages");
    }

    private static string Name(JsonElement file) => file.GetProperty("fileName").GetString()!;

    private static string FileId(JsonElement file) => file.GetProperty("fileId").GetString()!;

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    [GeneratedRegex(@"Orphan sweep removed (\d+) blobs")]
    private static partial Regex SweepLine();

    [GeneratedRegex(@"keyID:\s+(\S+)")]
    private static partial Regex KeyIdLine();

    [GeneratedRegex(@"applicationKey:\s+(\S+)")]
    private static partial Regex KeyLine();

    /// <summary>One upload: what was sent and what, if anything, came back. Written by its worker only.</summary>
    private sealed class Attempt(string name, string sha1, long length, bool slow)
    {
        public string Name { get; } = name;

        public string Sha1 { get; } = sha1;

        public long Length { get; } = length;

        public bool Slow { get; } = slow;

        /// <summary>The answer's status, or null when none came (the kill).</summary>
        public int? Status { get; set; }

        public string? Body { get; set; }

        public string? FileId { get; set; }

        /// <summary>A failure that the kill cannot explain.</summary>
        public string? ErrorBeforeKill { get; set; }

        public string Describe() => Status is { } status ? $"answered {status}" : $"unanswered, {(Slow ? "slow" : "fast")} body";
    }

    private sealed class MidBodyCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Enter() => Interlocked.Increment(ref _count);

        public void Exit() => Interlocked.Decrement(ref _count);
    }

    private sealed class StopFlag
    {
        private volatile bool _set;

        public bool IsSet => _set;

        public void Set() => _set = true;
    }

    /// <summary>A body with a Content-Length, sent in chunks with a pause between them, so it is on the wire for a while.</summary>
    private sealed class PacedContent(byte[] data, int chunk, TimeSpan pause, MidBodyCounter midBody) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            midBody.Enter();
            try
            {
                for (var offset = 0; offset < data.Length; offset += chunk)
                {
                    if (offset > 0 && pause > TimeSpan.Zero)
                    {
                        await Task.Delay(pause, cancellationToken);
                    }
                    await stream.WriteAsync(data.AsMemory(offset, Math.Min(chunk, data.Length - offset)), cancellationToken);
                    await stream.FlushAsync(cancellationToken);
                }
            }
            finally
            {
                midBody.Exit();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = data.Length;
            return true;
        }
    }
}
