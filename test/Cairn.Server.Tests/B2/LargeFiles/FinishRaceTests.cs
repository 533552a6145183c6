using System.Net;
using System.Text.Json;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;

namespace Cairn.Server.Tests.B2.LargeFiles;

/// <summary>
/// b2_finish_large_file raced against the calls that change the same file's parts: both requests are held at a
/// barrier and released together, many rounds, so that they overlap inside the server. Whatever the order, an
/// acknowledged finish leaves a file that downloads, and an acknowledged cancel leaves no file.
/// </summary>
public abstract class FinishRaceTests(LargeFileFixture fixture)
{
    private const int Rounds = 40;
    private const int Min = LargeFileFixture.MinPartSize;

    [Fact]
    public async Task FinishRacingAReuploadOfPartOne_NeverAcknowledgesBoth_AndAFinishedFileDownloads()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        for (var round = 0; round < Rounds; round++)
        {
            byte[] first = Bytes(Min, 3 * round), second = Bytes(10, (3 * round) + 1), replacement = Bytes(Min, (3 * round) + 2);
            var fileId = await session.StartIdAsync(bucketId, $"race-{round}");
            await session.UploadPartAsync(fileId, 1, first);
            await session.UploadPartAsync(fileId, 2, second);
            var (url, token) = await session.GetPartUrlAsync(fileId);

            var (finish, reupload) = await RaceAsync(
                () => session.FinishAsync(fileId, [Sha1(first), Sha1(second)]),
                () => SendPartAsync(session.Http, url, token, "1", new ByteArrayContent(replacement), Sha1(replacement)));

            using (finish)
            using (reupload)
            {
                Assert.False(finish.StatusCode == HttpStatusCode.OK && reupload.StatusCode == HttpStatusCode.OK,
                    $"round {round}: both the finish and the re-upload of part 1 were acknowledged");
                if (finish.StatusCode == HttpStatusCode.OK)
                {
                    Assert.Equal(Concat([first, second]), await session.DownloadByIdAsync(fileId));
                }
                else
                {
                    Assert.Equal("part_sha1_mismatch", await CodeAsync(finish));
                    Assert.Equal(HttpStatusCode.OK, reupload.StatusCode);
                    await OkAsync(await session.FinishAsync(fileId, [Sha1(replacement), Sha1(second)]));
                    Assert.Equal(Concat([replacement, second]), await session.DownloadByIdAsync(fileId));
                }
            }
        }
    }

    [Fact]
    public async Task FinishRacingCancel_NeverAcknowledgesBoth_AndTheWinnerDecidesWhatRemains()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        for (var round = 0; round < Rounds; round++)
        {
            byte[] first = Bytes(Min, 2 * round), second = Bytes(10, (2 * round) + 1);
            var fileId = await session.StartIdAsync(bucketId, $"race-{round}");
            await session.UploadPartAsync(fileId, 1, first);
            await session.UploadPartAsync(fileId, 2, second);

            var (finish, cancel) = await RaceAsync(
                () => session.FinishAsync(fileId, [Sha1(first), Sha1(second)]),
                () => session.PostAsync("b2_cancel_large_file", new { fileId }));

            using (finish)
            using (cancel)
            {
                Assert.False(finish.StatusCode == HttpStatusCode.OK && cancel.StatusCode == HttpStatusCode.OK,
                    $"round {round}: both the finish and the cancel were acknowledged");
                Assert.True(finish.StatusCode == HttpStatusCode.OK || cancel.StatusCode == HttpStatusCode.OK,
                    $"round {round}: neither was acknowledged: finish {(int)finish.StatusCode}, cancel {(int)cancel.StatusCode}");
                using var info = await session.PostAsync("b2_get_file_info", new { fileId });
                if (finish.StatusCode == HttpStatusCode.OK)
                {
                    Assert.Equal(HttpStatusCode.OK, info.StatusCode);
                    Assert.Equal(Concat([first, second]), await session.DownloadByIdAsync(fileId));
                }
                else
                {
                    Assert.Equal(HttpStatusCode.NotFound, info.StatusCode);
                }
            }
        }
        var listed = await session.CallAsync("b2_list_file_versions", new { bucketId, maxFileCount = 1000 });
        foreach (var file in listed.GetProperty("files").EnumerateArray())
        {
            await session.DownloadByIdAsync(file.GetProperty("fileId").GetString()!);
        }
    }

    /// <summary>Starts both requests on their own threads and releases them at the same moment.</summary>
    private static async Task<(HttpResponseMessage A, HttpResponseMessage B)> RaceAsync(Func<Task<HttpResponseMessage>> a, Func<Task<HttpResponseMessage>> b)
    {
        using var barrier = new Barrier(2);
        var first = Task.Run(() => { barrier.SignalAndWait(); return a(); });
        var second = Task.Run(() => { barrier.SignalAndWait(); return b(); });
        return (await first, await second);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString();
}

public sealed class FinishRaceMemoryTests(MemoryLargeFileFixture fixture) : FinishRaceTests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class FinishRaceDiskTests(DiskLargeFileFixture fixture) : FinishRaceTests(fixture), IClassFixture<DiskLargeFileFixture>;
