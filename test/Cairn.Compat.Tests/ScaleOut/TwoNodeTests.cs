using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.ScaleOut;

/// <summary>
/// Two Cairn processes on one PostgreSQL schema and one shared data directory, as DESIGN.md's scale-out has it
/// (stateless nodes, metadata in PostgreSQL, blobs on a shared store): what one node writes the other serves, and
/// writes racing through both nodes keep the invariants one node keeps. Needs the PostgreSQL test.sh starts
/// (<c>CAIRN_TEST_POSTGRES</c>).
/// </summary>
public sealed class TwoNodeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int PartSize = 200_000;
    private const int Rounds = 16;

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "cairn-two-nodes-" + Guid.NewGuid().ToString("N"));
    private readonly string _schema = TestPostgres.NewSchemaName();
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
        await TestPostgres.DropSchemaAsync(_schema);
    }

    [Fact]
    public async Task WrittenOnOneNode_ReadAndListedOnTheOther()
    {
        var (a, b) = await StartTwoAsync();
        using var onA = await B2Session.AuthorizeAsync(a);
        using var onB = await B2Session.AuthorizeAsync(b);
        Assert.Equal(onA.AccountId, onB.AccountId);

        var bucketName = "two-" + Guid.NewGuid().ToString("N")[..16];
        var bucketId = await onA.CreateBucketAsync(bucketName);
        var buckets = await onB.CallAsync("b2_list_buckets", new { accountId = onB.AccountId });
        Assert.Contains(bucketName, buckets.GetProperty("buckets").EnumerateArray().Select(x => x.GetProperty("bucketName").GetString()));

        var content = Bytes(10_000, 1);
        await onA.UploadAsync(bucketId, "docs/a.txt", content);
        Assert.Equal(["docs/a.txt"], await NamesAsync(onB, bucketId, ""));
        using (var download = await onB.DownloadAsync($"file/{bucketName}/docs/a.txt"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        }

        // An upload URL and token handed out by A, used on B (as behind a load balancer): the token is signed, not A's alone.
        var (urlFromA, tokenFromA) = await onA.GetUploadUrlAsync(bucketId);
        Assert.StartsWith(a.BaseUrl, urlFromA, StringComparison.Ordinal);
        var viaB = b.BaseUrl + urlFromA[a.BaseUrl.Length..];
        var other = Bytes(3_000, 4);
        using (var request = new HttpRequestMessage(HttpMethod.Post, viaB) { Content = new ByteArrayContent(other) })
        {
            request.Headers.TryAddWithoutValidation("Authorization", tokenFromA);
            request.Headers.TryAddWithoutValidation("X-Bz-File-Name", "docs/b.txt");
            request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", Sha1(other));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "b2/x-auto");
            using var response = await onB.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(["docs/a.txt", "docs/b.txt"], await NamesAsync(onA, bucketId, "docs/"));
        await onA.CallAsync("b2_delete_file_version", new { fileName = "docs/b.txt", fileId = (await onB.CallAsync("b2_list_file_names", new { bucketId, prefix = "docs/b" })).GetProperty("files")[0].GetProperty("fileId").GetString() });

        await onB.CallAsync("b2_hide_file", new { bucketId, fileName = "docs/a.txt" });
        Assert.Empty(await NamesAsync(onA, bucketId, ""));
        Assert.Equal(["hide", "upload"], await ActionsAsync(onA, bucketId, "docs/a.txt"));

        // A large file started on A, its parts through B and A, finished on B, read on A.
        byte[][] parts = [Bytes(PartSize, 2), Bytes(1_234, 3)];
        var fileId = await StartLargeFileAsync(onA, bucketId, "big.bin");
        await UploadPartAsync(onB, fileId, 1, parts[0]);
        await UploadPartAsync(onA, fileId, 2, parts[1]);
        await onB.CallAsync("b2_finish_large_file", new { fileId, partSha1Array = parts.Select(Sha1).ToArray() });
        using (var download = await onA.DownloadAsync($"file/{bucketName}/big.bin"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(parts.SelectMany(p => p).ToArray(), await download.Content.ReadAsByteArrayAsync());
        }
        AssertNoErrors(a, b);
    }

    [Fact]
    public async Task KeyDeletedOnOneNode_IsRefusedOnTheOther()
    {
        var (a, b) = await StartTwoAsync();
        using var onA = await B2Session.AuthorizeAsync(a);
        var key = await onA.CallAsync("b2_create_key", new { accountId = onA.AccountId, capabilities = new[] { "listBuckets" }, keyName = "two-nodes" });
        var keyId = key.GetProperty("applicationKeyId").GetString()!;
        using (var withKey = await B2Session.AuthorizeAsync(b, keyId: keyId, key: key.GetProperty("applicationKey").GetString()!))
        {
            await withKey.CallAsync("b2_list_buckets", new { accountId = withKey.AccountId });

            await onA.CallAsync("b2_delete_key", new { applicationKeyId = keyId });

            // B looks keys up again through a short cache (AuthService), so the deletion reaches it within that bound.
            var refused = false;
            for (var i = 0; i < 300 && !refused; i++)
            {
                using var response = await withKey.PostAsync("b2_list_buckets", new { accountId = withKey.AccountId });
                refused = response.StatusCode == HttpStatusCode.Unauthorized;
                if (!refused)
                {
                    await Task.Delay(50);
                }
            }
            Assert.True(refused, "B still accepted the deleted key's token after 15 s");
        }
        AssertNoErrors(a, b);
    }

    [Fact]
    public async Task FinishOnOneNode_CancelOnTheOther_ExactlyOneWins()
    {
        var (a, b) = await StartTwoAsync();
        using var onA = await B2Session.AuthorizeAsync(a);
        using var onB = await B2Session.AuthorizeAsync(b);
        var bucketName = "race-" + Guid.NewGuid().ToString("N")[..16];
        var bucketId = await onA.CreateBucketAsync(bucketName);
        var finishedRounds = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var name = $"race/{round:D2}";
            byte[][] parts = [Bytes(PartSize, 10 + round), Bytes(500, 100 + round)];
            var fileId = await StartLargeFileAsync(onA, bucketId, name);
            await UploadPartAsync(onA, fileId, 1, parts[0]);
            await UploadPartAsync(onB, fileId, 2, parts[1]);

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var finish = Task.Run(async () =>
            {
                await gate.Task;
                return await SendAsync(onA, "b2_finish_large_file", new { fileId, partSha1Array = parts.Select(Sha1).ToArray() });
            });
            var cancel = Task.Run(async () =>
            {
                await gate.Task;
                return await SendAsync(onB, "b2_cancel_large_file", new { fileId });
            });
            gate.SetResult();
            var (finishStatus, finishBody) = await finish;
            var (cancelStatus, cancelBody) = await cancel;

            var finished = finishStatus == HttpStatusCode.OK;
            Assert.True(finished != (cancelStatus == HttpStatusCode.OK),
                $"round {round}: finish {(int)finishStatus} {finishBody}; cancel {(int)cancelStatus} {cancelBody}");
            var unfinished = await onB.CallAsync("b2_list_unfinished_large_files", new { bucketId, namePrefix = name });
            Assert.Equal(0, unfinished.GetProperty("files").GetArrayLength());
            foreach (var node in new[] { onA, onB })
            {
                Assert.Equal(finished ? new List<string> { name } : [], await NamesAsync(node, bucketId, name));
                using var download = await node.DownloadAsync($"file/{bucketName}/{name}");
                Assert.Equal(finished ? HttpStatusCode.OK : HttpStatusCode.NotFound, download.StatusCode);
                if (finished)
                {
                    Assert.Equal(parts.SelectMany(p => p).ToArray(), await download.Content.ReadAsByteArrayAsync());
                }
            }
            finishedRounds += finished ? 1 : 0;
        }
        // A finished file keeps both part blobs; a canceled one leaves none behind.
        Assert.Equal(2 * finishedRounds, Directory.EnumerateFiles(Path.Combine(_dataPath, "blobs"), "*", SearchOption.AllDirectories).Count());
        output.WriteLine($"{finishedRounds} of {Rounds} rounds finished, the rest canceled");
        AssertNoErrors(a, b);
    }

    [Fact]
    public async Task UploadOnOneNode_HideOnTheOther_NewestFirstIsLatestFirstOnBoth()
    {
        var (a, b) = await StartTwoAsync();
        using var onA = await B2Session.AuthorizeAsync(a);
        using var onB = await B2Session.AuthorizeAsync(b);
        var bucketId = await onA.CreateBucketAsync("hide-" + Guid.NewGuid().ToString("N")[..16]);
        for (var round = 0; round < Rounds; round++)
        {
            var name = $"uh/{round:D2}";
            await onB.UploadAsync(bucketId, name, Bytes(100, round));

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var upload = Task.Run(async () =>
            {
                await gate.Task;
                return await onA.UploadAsync(bucketId, name, Bytes(200, round));
            });
            var hide = Task.Run(async () =>
            {
                await gate.Task;
                return await onB.CallAsync("b2_hide_file", new { bucketId, fileName = name });
            });
            gate.SetResult();
            await Task.WhenAll(upload, hide);

            foreach (var node in new[] { onA, onB })
            {
                var versions = (await node.CallAsync("b2_list_file_versions", new { bucketId, prefix = name, maxFileCount = 10 }))
                    .GetProperty("files").EnumerateArray().ToList();
                Assert.Equal(3, versions.Count);
                var timestamps = versions.Select(v => v.GetProperty("uploadTimestamp").GetInt64()).ToList();
                for (var i = 1; i < timestamps.Count; i++)
                {
                    Assert.True(timestamps[i - 1] > timestamps[i], $"round {round}: newest first has timestamps {string.Join(", ", timestamps)}");
                }
                var newestIsUpload = versions[0].GetProperty("action").GetString() == "upload";
                Assert.Equal(newestIsUpload ? new List<string> { name } : [], await NamesAsync(node, bucketId, name));
            }
        }
        AssertNoErrors(a, b);
    }

    /// <summary>Starts both nodes at once on a fresh schema and directory: the schema, the account and the SSE key file are each made once.</summary>
    private async Task<(CairnProcess A, CairnProcess B)> StartTwoAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["CAIRN_POSTGRES"] = await TestPostgres.CreateSchemaAsync(_schema),
            ["CAIRN_ABSOLUTE_MINIMUM_PART_SIZE"] = PartSize.ToString(CultureInfo.InvariantCulture),
            ["CAIRN_RECOMMENDED_PART_SIZE"] = PartSize.ToString(CultureInfo.InvariantCulture),
        };
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starts = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await CairnProcess.StartAsync(_dataPath, environment: environment);
        })).ToList();
        gate.SetResult();
        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            _processes.AddRange(starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result));
        }
        foreach (var process in _processes)
        {
            output.WriteLine($"Cairn pid {process.ProcessId} on {process.BaseUrl}");
        }
        return (starts[0].Result, starts[1].Result);
    }

    private static void AssertNoErrors(params CairnProcess[] nodes)
    {
        foreach (var node in nodes)
        {
            Assert.False(node.Output.Contains("fail:", StringComparison.Ordinal) || node.Output.Contains("crit:", StringComparison.Ordinal),
                $"Cairn pid {node.ProcessId} logged an error:{Environment.NewLine}{node.Output}");
        }
    }

    private static async Task<List<string>> NamesAsync(B2Session session, string bucketId, string prefix) =>
        (await session.CallAsync("b2_list_file_names", new { bucketId, prefix, maxFileCount = 100 }))
            .GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileName").GetString()!).ToList();

    private static async Task<List<string>> ActionsAsync(B2Session session, string bucketId, string name) =>
        (await session.CallAsync("b2_list_file_versions", new { bucketId, prefix = name, maxFileCount = 100 }))
            .GetProperty("files").EnumerateArray().Select(f => f.GetProperty("action").GetString()!).ToList();

    private static async Task<string> StartLargeFileAsync(B2Session session, string bucketId, string name) =>
        (await session.CallAsync("b2_start_large_file", new { bucketId, fileName = name, contentType = "application/octet-stream" }))
            .GetProperty("fileId").GetString()!;

    private static async Task UploadPartAsync(B2Session session, string fileId, int number, byte[] content)
    {
        var part = await session.CallAsync("b2_get_upload_part_url", new { fileId });
        using var request = new HttpRequestMessage(HttpMethod.Post, part.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(content) };
        request.Headers.TryAddWithoutValidation("Authorization", part.GetProperty("authorizationToken").GetString());
        request.Headers.TryAddWithoutValidation("X-Bz-Part-Number", number.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", Sha1(content));
        using var response = await session.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"part {number}: {(int)response.StatusCode} {text}");
        Assert.Equal(Sha1(content), JsonDocument.Parse(text).RootElement.GetProperty("contentSha1").GetString());
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(B2Session session, string operation, object body)
    {
        using var response = await session.PostAsync(operation, body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Sha1(byte[] content) => Convert.ToHexStringLower(SHA1.HashData(content));

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
