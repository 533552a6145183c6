using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Durability;

/// <summary>
/// A large upload survives a crash of the server: parts that were answered are still there after SIGKILL and restart,
/// the part that was mid-body when the server died is not, and the client can list what it has, upload the rest and
/// finish — what b2sdk does to resume with b2_list_parts.
/// </summary>
public sealed class LargeFileResumeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int PartSize = 200_000;
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "cairn-lf-resume-" + Guid.NewGuid().ToString("N"));
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
    public async Task LargeFile_ServerKilledMidPart_ListPartsUploadRestAndFinishAfterRestart()
    {
        byte[][] parts = [Bytes(PartSize, 1), Bytes(PartSize, 2), Bytes(PartSize, 3), Bytes(PartSize, 4), Bytes(1234, 5)];
        var first = await StartAsync();
        string bucketId, fileId;
        using (var session = await B2Session.AuthorizeAsync(first))
        {
            bucketId = await session.CreateBucketAsync("resume-" + Guid.NewGuid().ToString("N")[..12]);
            var started = await session.CallAsync("b2_start_large_file", new { bucketId, fileName = "backup.tar", contentType = "application/x-tar", fileInfo = new Dictionary<string, string>() });
            fileId = started.GetProperty("fileId").GetString()!;
            await UploadPartAsync(session, fileId, 1, parts[0]);
            await UploadPartAsync(session, fileId, 2, parts[1]);

            // Part 3 sends half its body and stalls; the server has it open, unnamed, when it is killed.
            var (url, token) = await PartUrlAsync(session, fileId);
            var stalled = new StalledContent(parts[2], PartSize / 2);
            using var request = PartRequest(url, token, 3, stalled, parts[2]);
            request.Headers.ExpectContinue = true;
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var inFlight = client.SendAsync(request);
            await stalled.Sent.WaitAsync(TimeSpan.FromSeconds(30));
            var wait = Stopwatch.StartNew();
            while (first.CountBlobsBeingWritten() == 0 && wait.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(20);
            }
            Assert.True(first.CountBlobsBeingWritten() > 0, "part 3 never reached the server's disk before the kill");
            first.Kill();
            await Assert.ThrowsAnyAsync<Exception>(() => inFlight);
            stalled.Release();
        }

        var second = await StartAsync();
        using (var session = await B2Session.AuthorizeAsync(second))
        {
            var unfinished = await session.CallAsync("b2_list_unfinished_large_files", new { bucketId });
            Assert.Equal(fileId, Assert.Single(unfinished.GetProperty("files").EnumerateArray()).GetProperty("fileId").GetString());

            var listed = await session.CallAsync("b2_list_parts", new { fileId });
            var have = listed.GetProperty("parts").EnumerateArray()
                .ToDictionary(p => p.GetProperty("partNumber").GetInt32(), p => p.GetProperty("contentSha1").GetString());
            Assert.Equal([1, 2], have.Keys.Order());
            Assert.Equal(Sha1(parts[0]), have[1]);
            Assert.Equal(Sha1(parts[1]), have[2]);
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_dataPath, "tmp")));

            // Upload what is missing, as a resuming client does, and finish.
            for (var number = 1; number <= parts.Length; number++)
            {
                if (!have.ContainsKey(number))
                {
                    await UploadPartAsync(session, fileId, number, parts[number - 1]);
                }
            }
            using var finish = await session.PostAsync("b2_finish_large_file", new { fileId, partSha1Array = parts.Select(Sha1).ToArray() });
            Assert.True(finish.StatusCode == HttpStatusCode.OK, await finish.Content.ReadAsStringAsync());

            using var download = await session.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={fileId}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(parts.SelectMany(p => p).ToArray(), await download.Content.ReadAsByteArrayAsync());
            // One blob per part; the killed part left nothing behind.
            Assert.Equal(parts.Length, Directory.EnumerateFiles(Path.Combine(_dataPath, "blobs"), "*", SearchOption.AllDirectories).Count());
        }
    }

    private async Task<CairnProcess> StartAsync()
    {
        var process = await CairnProcess.StartAsync(_dataPath, environment: new Dictionary<string, string>
        {
            ["CAIRN_ABSOLUTE_MINIMUM_PART_SIZE"] = PartSize.ToString(CultureInfo.InvariantCulture),
            ["CAIRN_RECOMMENDED_PART_SIZE"] = PartSize.ToString(CultureInfo.InvariantCulture),
        });
        _processes.Add(process);
        output.WriteLine($"Cairn pid {process.ProcessId} on {process.BaseUrl}");
        return process;
    }

    private static async Task<(string Url, string Token)> PartUrlAsync(B2Session session, string fileId)
    {
        var result = await session.CallAsync("b2_get_upload_part_url", new { fileId });
        return (result.GetProperty("uploadUrl").GetString()!, result.GetProperty("authorizationToken").GetString()!);
    }

    private static async Task UploadPartAsync(B2Session session, string fileId, int number, byte[] content)
    {
        var (url, token) = await PartUrlAsync(session, fileId);
        using var request = PartRequest(url, token, number, new ByteArrayContent(content), content);
        using var response = await session.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"part {number}: {(int)response.StatusCode} {text}");
        Assert.Equal(Sha1(content), JsonDocument.Parse(text).RootElement.GetProperty("contentSha1").GetString());
    }

    private static HttpRequestMessage PartRequest(string url, string token, int number, HttpContent body, byte[] content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        request.Headers.TryAddWithoutValidation("X-Bz-Part-Number", number.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", Sha1(content));
        return request;
    }

    private static string Sha1(byte[] content) => Convert.ToHexStringLower(SHA1.HashData(content));

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Sends the first bytes of a body, then waits (the server is killed meanwhile).</summary>
    private sealed class StalledContent(byte[] bytes, int firstPart) : HttpContent
    {
        private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Sent => _sent.Task;

        public void Release() => _release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, firstPart));
            await stream.FlushAsync();
            _sent.TrySetResult();
            await _release.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await stream.WriteAsync(bytes.AsMemory(firstPart));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
