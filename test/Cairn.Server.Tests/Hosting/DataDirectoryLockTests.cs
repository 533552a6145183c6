using System.Net;
using Cairn.Server.Hosting;
using Cairn.Testing;

namespace Cairn.Server.Tests.Hosting;

/// <summary>
/// Two servers started at once on one SQLite data directory: one serves, the other is refused with a clear message.
/// (With metadata in PostgreSQL the directory holds only blobs and nodes share it: see SharedDataDirectory and the
/// two-node tests in Cairn.Compat.Tests.)
/// </summary>
public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "cairn-lock-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TwoServersStartedAtOnce_SecondIsRefused_FirstKeepsServing()
    {
        const int Rounds = 4;
        for (var round = 0; round < Rounds; round++)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var starts = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await gate.Task;
                return await CairnServer.StartAsync(dataPath: _dataPath, postgres: false);
            })).ToList();
            gate.SetResult();
            try
            {
                await Task.WhenAll(starts);
            }
            catch (StartupRefusedException)
            {
                // Inspected below.
            }

            var started = starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result).ToList();
            var refused = starts.Where(s => s.IsFaulted).Select(s => s.Exception!.InnerException).ToList();
            await using var server = Assert.Single(started);
            var error = Assert.IsType<StartupRefusedException>(Assert.Single(refused));
            Assert.Contains($"The data directory {_dataPath} is in use by another Cairn process", error.Message, StringComparison.Ordinal);

            using var session = await B2Session.AuthorizeAsync(server);
            var bucketId = await session.CreateBucketAsync($"lock-{round}-{Guid.NewGuid():N}"[..30]);
            await session.UploadAsync(bucketId, "still-serving", "yes"u8.ToArray());
            using var http = server.CreateClient();
            using var health = await http.GetAsync("health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.DoesNotContain(server.Logs, line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ServerStopped_NextStartOnTheDirectory_Succeeds()
    {
        await (await CairnServer.StartAsync(dataPath: _dataPath, postgres: false)).DisposeAsync();

        await using var again = await CairnServer.StartAsync(dataPath: _dataPath, postgres: false);
        using var session = await B2Session.AuthorizeAsync(again);
        Assert.False(string.IsNullOrEmpty(session.AccountId));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }
}
