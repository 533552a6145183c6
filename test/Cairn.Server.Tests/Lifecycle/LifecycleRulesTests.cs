using System.Text;
using System.Text.Json;
using Cairn.Core.Lifecycle;
using Cairn.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Server.Tests.Lifecycle;

/// <summary>Lifecycle rules set through b2_create_bucket / b2_update_bucket take effect on the real server, with its clock moved forward.</summary>
public class LifecycleRulesTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task KeepOnlyLastVersion_SetByUpdateBucket_DeletesOlderVersionsAfterADay(bool inMemory)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await CairnServer.StartAsync(inMemory, settings: new Dictionary<string, string> { ["Cairn:LifecycleInterval"] = "00:00:00" }, time: clock);
        using var session = await B2Session.AuthorizeAsync(server);
        var bucketId = await session.CreateBucketAsync("lifecycle-" + Guid.NewGuid().ToString("N")[..12]);
        await session.CallAsync("b2_update_bucket", new
        {
            accountId = session.AccountId,
            bucketId,
            lifecycleRules = new[] { new { fileNamePrefix = "", daysFromHidingToDeleting = 1, daysFromUploadingToHiding = (int?)null } },
        });
        await session.UploadAsync(bucketId, "report.txt", Encoding.UTF8.GetBytes("first"));
        clock.Advance(TimeSpan.FromSeconds(1));
        var newest = await session.UploadAsync(bucketId, "report.txt", Encoding.UTF8.GetBytes("second"));
        await session.UploadAsync(bucketId, "gone.txt", Encoding.UTF8.GetBytes("hidden"));
        await session.CallAsync("b2_hide_file", new { bucketId, fileName = "gone.txt" });

        var lifecycle = server.GetService<LifecycleService>();
        Assert.Equal(0, (await lifecycle.RunOnceAsync(TimeSpan.FromMinutes(1), default)).VersionsDeleted);
        // A little past the day: the store orders same-millisecond versions of a name by raising the later one's
        // timestamp, so the hide marker may be a millisecond younger than the upload it hides.
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var report = await lifecycle.RunOnceAsync(TimeSpan.FromMinutes(1), default);
        Assert.Equal(3, report.VersionsDeleted);

        using var later = await B2Session.AuthorizeAsync(server);
        var versions = await later.CallAsync("b2_list_file_versions", new { bucketId });
        var files = versions.GetProperty("files").EnumerateArray().ToList();
        var only = Assert.Single(files);
        Assert.Equal(newest.GetProperty("fileId").GetString(), only.GetProperty("fileId").GetString());
    }

    [Fact]
    public async Task CreateBucket_WithInvalidLifecycleRules_Returns400()
    {
        await using var server = await CairnServer.StartAsync(inMemory: true);
        using var session = await B2Session.AuthorizeAsync(server);
        using var response = await session.PostAsync("b2_create_bucket", new
        {
            accountId = session.AccountId,
            bucketName = "lifecycle-bad-" + Guid.NewGuid().ToString("N")[..8],
            bucketType = "allPrivate",
            lifecycleRules = new[] { new { fileNamePrefix = "logs/", daysFromHidingToDeleting = 0 } },
        });
        Assert.Equal(400, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("bad_request", body.GetProperty("code").GetString());
    }
}
