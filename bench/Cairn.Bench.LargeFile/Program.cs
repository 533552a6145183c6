using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Cairn.Bench.LargeFile;
using Cairn.Testing;

// Uploads a file of --size bytes as parts to a real Cairn process (SQLite + files on disk) and downloads it whole,
// sampling the server's VmRSS every 100 ms. Usage:
//   dotnet run -c Release --project bench/Cairn.Bench.LargeFile -- [--size 20GiB] [--part-size 100MB] [--parallel 4]
//       [--data <dir>] [--limit 300MiB] [--keep]
// Exit code 0 when the download matches and the peak stays under --limit; the data directory is deleted unless --keep.

var size = ParseBytes(Option("--size", "20GiB"));
var partSize = ParseBytes(Option("--part-size", "100MB"));
var parallel = int.Parse(Option("--parallel", "4"), CultureInfo.InvariantCulture);
var limit = ParseBytes(Option("--limit", "300MiB"));
var keep = args.Contains("--keep");
var dataPath = Path.GetFullPath(Option("--data", Path.Combine(Path.GetTempPath(), "cairn-bench-" + Guid.NewGuid().ToString("N"))));
var partCount = (int)((size + partSize - 1) / partSize);
if (partCount is < 1 or > 10_000)
{
    Console.Error.WriteLine($"{partCount} parts: choose --size and --part-size so that there are 1 to 10000 parts");
    return 2;
}

Console.WriteLine($"Cairn large-file memory bench: {size} bytes ({Human(size)}) as {partCount} parts of {partSize} bytes, {parallel} at a time");
Console.WriteLine($"data directory {dataPath}");
var server = await CairnProcess.StartAsync(dataPath);
var startRss = RssSampler.Read(server.ProcessId);
Console.WriteLine($"server pid {server.ProcessId}, RSS after start {Human(startRss)}");
var ok = true;
long uploadPeak, downloadPeak;
try
{
    using var session = await B2Session.AuthorizeAsync(server);
    using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    var bucketId = await session.CreateBucketAsync("bench-" + Guid.NewGuid().ToString("N")[..12]);
    var started = await session.CallAsync("b2_start_large_file", new { bucketId, fileName = "bench/large.bin", contentType = "application/octet-stream", fileInfo = new Dictionary<string, string>() });
    var fileId = started.GetProperty("fileId").GetString()!;

    var sha1s = new string[partCount];
    var upload = Stopwatch.StartNew();
    await using (var sampler = new RssSampler(server.ProcessId, TimeSpan.FromMilliseconds(100)))
    {
        var next = 0;
        var workers = Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            var (url, token) = await PartUrlAsync(session, fileId);
            int index;
            while ((index = Interlocked.Increment(ref next) - 1) < partCount)
            {
                var length = Math.Min(partSize, size - (long)index * partSize);
                var content = new PartContent(index + 1, length);
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                request.Headers.TryAddWithoutValidation("Authorization", token);
                request.Headers.TryAddWithoutValidation("X-Bz-Part-Number", (index + 1).ToString(CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", "hex_digits_at_end");
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"part {index + 1}: {(int)response.StatusCode} {text}");
                }
                sha1s[index] = JsonDocument.Parse(text).RootElement.GetProperty("contentSha1").GetString()!;
                if (sha1s[index] != content.Sha1)
                {
                    throw new InvalidOperationException($"part {index + 1}: server computed {sha1s[index]}, client {content.Sha1}");
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        var finish = await session.CallAsync("b2_finish_large_file", new { fileId, partSha1Array = sha1s });
        if (finish.GetProperty("contentLength").GetInt64() != size)
        {
            throw new InvalidOperationException($"finished file has {finish.GetProperty("contentLength").GetInt64()} bytes, not {size}");
        }
        upload.Stop();
        uploadPeak = sampler.Peak;
    }
    Console.WriteLine($"upload:   {upload.Elapsed.TotalSeconds,8:F1} s  {Human((long)(size / upload.Elapsed.TotalSeconds))}/s  peak server RSS {Human(uploadPeak)}");

    var download = Stopwatch.StartNew();
    await using (var sampler = new RssSampler(server.ProcessId, TimeSpan.FromMilliseconds(100)))
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{session.DownloadUrl}/b2api/v2/b2_download_file_by_id?fileId={fileId}");
        request.Headers.TryAddWithoutValidation("Authorization", session.Token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var mismatches = await VerifyAsync(body, size, partSize, sha1s);
        download.Stop();
        downloadPeak = sampler.Peak;
        if (mismatches.Count > 0)
        {
            ok = false;
            Console.WriteLine($"DOWNLOAD MISMATCH in parts {string.Join(", ", mismatches.Take(20))}");
        }
    }
    Console.WriteLine($"download: {download.Elapsed.TotalSeconds,8:F1} s  {Human((long)(size / download.Elapsed.TotalSeconds))}/s  peak server RSS {Human(downloadPeak)}");
}
finally
{
    await server.DisposeAsync();
    if (!keep && Directory.Exists(dataPath))
    {
        Directory.Delete(dataPath, recursive: true);
    }
}

var peak = Math.Max(uploadPeak, downloadPeak);
var verdict = peak <= limit ? "under" : "OVER";
Console.WriteLine($"peak server RSS {Human(peak)} ({peak} bytes): {verdict} the {Human(limit)} limit; download {(ok ? "matches" : "DIFFERS")}");
return ok && peak <= limit ? 0 : 1;

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

static long ParseBytes(string text)
{
    (string Suffix, long Factor)[] units = [("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1000), ("B", 1)];
    foreach (var (suffix, factor) in units)
    {
        if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return (long)(double.Parse(text[..^suffix.Length], CultureInfo.InvariantCulture) * factor);
        }
    }
    return long.Parse(text, CultureInfo.InvariantCulture);
}

static string Human(long bytes) => bytes >= 1L << 30
    ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F2} GiB")
    : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB");

static async Task<(string Url, string Token)> PartUrlAsync(B2Session session, string fileId)
{
    var result = await session.CallAsync("b2_get_upload_part_url", new { fileId });
    return (result.GetProperty("uploadUrl").GetString()!, result.GetProperty("authorizationToken").GetString()!);
}

// Hashes the downloaded stream part by part and compares each part's SHA-1 with the one uploaded.
static async Task<List<int>> VerifyAsync(Stream body, long size, long partSize, string[] sha1s)
{
    var mismatches = new List<int>();
    var buffer = new byte[PartContent.BlockSize];
    using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
    long received = 0;
    var part = 0;
    long inPart = 0;
    int read;
    while ((read = await body.ReadAsync(buffer)) > 0)
    {
        var offset = 0;
        while (offset < read)
        {
            var partLength = Math.Min(partSize, size - (long)part * partSize);
            var take = (int)Math.Min(read - offset, partLength - inPart);
            sha1.AppendData(buffer, offset, take);
            offset += take;
            inPart += take;
            if (inPart == partLength)
            {
                if (Convert.ToHexStringLower(sha1.GetHashAndReset()) != sha1s[part])
                {
                    mismatches.Add(part + 1);
                }
                part++;
                inPart = 0;
            }
        }
        received += read;
    }
    if (received != size)
    {
        throw new InvalidOperationException($"downloaded {received} bytes, expected {size}");
    }
    return mismatches;
}
