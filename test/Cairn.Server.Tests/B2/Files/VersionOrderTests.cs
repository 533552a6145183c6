using System.Net;
using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Files;

/// <summary>Newest first in b2_list_file_versions is also latest <c>uploadTimestamp</c> first, however writes race.</summary>
public sealed class VersionOrderTests(MemoryServerFixture memory, DiskServerFixture disk) : IClassFixture<MemoryServerFixture>, IClassFixture<DiskServerFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UploadsAndHideOfOneNameRacing_ListNewestFirstWithLatestTimestampFirst(bool onDisk)
    {
        var session = await (onDisk ? (ServerFixture)disk : memory).SessionAsync();
        var bucketId = await session.NewBucketAsync();
        // The uploads carry a body, so they read the clock well before they commit; the hide commits at once.
        var body = new byte[64 * 1024];
        Random.Shared.NextBytes(body);
        const int Rounds = 30;
        for (var round = 0; round < Rounds; round++)
        {
            var name = $"race-{round:D2}";
            await session.UploadAsync(bucketId, name, TestWire.Bytes("first"));
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var uploads = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await gate.Task;
                using var response = await session.SendUploadAsync(bucketId, name, body);
                return response.StatusCode;
            })).ToList();
            var hide = Task.Run(async () =>
            {
                await gate.Task;
                using var response = await session.PostAsync("b2_hide_file", new { bucketId, fileName = name });
                return response.StatusCode;
            });
            gate.SetResult();
            Assert.All(await Task.WhenAll(uploads.Append(hide)), status => Assert.Equal(HttpStatusCode.OK, status));

            var listed = (await session.CallAsync("b2_list_file_versions", new { bucketId, prefix = name })).GetProperty("files")
                .EnumerateArray().Select(f => (Action: f.GetProperty("action").GetString(), Timestamp: f.GetProperty("uploadTimestamp").GetInt64())).ToList();
            Assert.Equal(4, listed.Count);
            for (var i = 1; i < listed.Count; i++)
            {
                Assert.True(listed[i - 1].Timestamp > listed[i].Timestamp,
                    $"round {round}: {string.Join(", ", listed.Select(v => $"{v.Action} {v.Timestamp}"))}");
            }
        }
    }
}
