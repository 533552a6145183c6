using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Keys;

/// <summary>
/// Real clients' retries against Cairn's injected faults: rclone asks for them with --b2-test-mode (X-Bz-Test-Mode);
/// b2sdk cannot, so the faults are switched on server-wide.
/// </summary>
public sealed class FaultInjectionClientTests(ITestOutputHelper output) : CompatTest(output)
{
    private const int FileCount = 50;

    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMinutes(4);

    protected override Task<CairnServer> StartServerAsync() => CairnServer.StartAsync(inMemory: true);

    [Theory]
    [InlineData("fail_some_uploads")]
    [InlineData("expire_some_account_authorization_tokens")]
    public async Task Rclone_TestMode_CopiesManyFilesThroughTheFaults(string testMode)
    {
        // expire_some_account_authorization_tokens never expires a token's first use, and rclone makes only a handful
        // of account calls (uploads use upload tokens): at the default chance a run could meet no fault at all. A
        // server of its own answers every later use as expired, so rclone surely re-authorizes and retries.
        await using var own = testMode == "expire_some_account_authorization_tokens"
            ? await CairnServer.StartAsync(inMemory: true, settings: new Dictionary<string, string> { ["Cairn:Faults:TestModeProbability"] = "1" })
            : null;
        var server = own ?? Server;
        using var master = await B2Session.AuthorizeAsync(server, 2);
        var bucketId = await master.CreateBucketAsync("faulty-" + testMode.Replace('_', '-')[..12]);
        var bucketName = (await master.CallAsync("b2_list_buckets", new { accountId = master.AccountId, bucketId })).GetProperty("buckets")[0].GetProperty("bucketName").GetString()!;
        var source = NewDirectory("source");
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < FileCount; i++)
        {
            var content = Encoding.UTF8.GetBytes($"file {i} {Guid.NewGuid()}");
            await File.WriteAllBytesAsync(Path.Combine(source, $"f{i:D2}.txt"), content);
            expected[$"copy/f{i:D2}.txt"] = Convert.ToHexStringLower(SHA1.HashData(content));
        }

        // rclone's own retries are what carry the copy through the faults.
        var rclone = new RcloneClient(server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey, NewDirectory("rclone"))
        {
            FailFast = false,
            Timeout = ClientTimeout,
            Log = Output,
        };
        var copy = await rclone.TryRunAsync("--b2-test-mode", testMode, "-vv", "copy", source, $"{RcloneClient.Remote}:{bucketName}/copy");
        Assert.Equal(0, copy.ExitCode);

        var stored = await master.CallAsync("b2_list_file_names", new { bucketId, maxFileCount = 1000 });
        var actual = stored.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("fileName").GetString()!, f => f.GetProperty("contentSha1").GetString()!);
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
        // The faults really happened: rclone logged retries.
        Assert.Matches(testMode == "fail_some_uploads" ? "service_unavailable|503" : "expired_auth_token|401", copy.Stderr);
    }

    [Fact]
    public async Task B2sdk_ServerWideFaults_CompletesUploads()
    {
        // The faults are server-wide, so this test runs a server of its own with them switched on.
        await using var server = await CairnServer.StartAsync(inMemory: true, settings: new Dictionary<string, string>
        {
            ["Cairn:Faults:FailSomeUploads:EveryNth"] = "3",
            ["Cairn:Faults:ExpireSomeAccountAuthorizationTokens:EveryNth"] = "7",
        });
        var run = await B2SdkScript.RunAsync("uploads_through_faults", server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey,
            "sdk-faults", NewDirectory("b2sdk"), ClientTimeout, Output);
        var uploaded = run.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(20, uploaded.Count);

        // Check with the faults still on: retry the listing until it is not the injected expiry.
        using var master = await B2Session.AuthorizeAsync(server, 2);
        JsonElement listing = default;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                var bucketId = (await master.CallAsync("b2_list_buckets", new { accountId = master.AccountId, bucketName = "sdk-faults" })).GetProperty("buckets")[0].GetProperty("bucketId").GetString();
                listing = await master.CallAsync("b2_list_file_names", new { bucketId, maxFileCount = 100 });
                break;
            }
            catch (B2CallException e) when (e.Code == "expired_auth_token")
            {
            }
        }
        var stored = listing.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("fileName").GetString()!, f => f.GetProperty("contentSha1").GetString()!);
        Assert.Equal(uploaded.OrderBy(e => e.Key), stored.OrderBy(e => e.Key));
    }
}
