using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Keys;

/// <summary>
/// Real clients' retries against Cairn's injected faults: rclone asks for them with --b2-test-mode (X-Bz-Test-Mode);
/// b2sdk cannot, so the faults are switched on server-wide.
/// </summary>
public sealed class FaultInjectionClientTests(ITestOutputHelper output)
{
    private const int FileCount = 50;

    [Theory]
    [InlineData("fail_some_uploads")]
    [InlineData("expire_some_account_authorization_tokens")]
    public async Task Rclone_TestMode_CopiesManyFilesThroughTheFaults(string testMode)
    {
        await using var server = await CairnServer.StartAsync(inMemory: true);
        using var clients = new KeyClients(output, server.BaseUrl);
        using var master = await B2Session.AuthorizeAsync(server, 2);
        var bucketId = await master.CreateBucketAsync("faulty-" + testMode.Replace('_', '-')[..12]);
        var bucketName = (await master.CallAsync("b2_list_buckets", new { accountId = master.AccountId, bucketId })).GetProperty("buckets")[0].GetProperty("bucketName").GetString()!;
        var source = Path.Combine(clients.WorkDirectory, "source");
        Directory.CreateDirectory(source);
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < FileCount; i++)
        {
            var content = Encoding.UTF8.GetBytes($"file {i} {Guid.NewGuid()}");
            await File.WriteAllBytesAsync(Path.Combine(source, $"f{i:D2}.txt"), content);
            expected[$"copy/f{i:D2}.txt"] = Convert.ToHexStringLower(SHA1.HashData(content));
        }

        var copy = await clients.RcloneAsync(CairnServer.MasterKeyId, CairnServer.MasterKey,
            "--b2-test-mode", testMode, "-vv", "copy", source, $":b2:{bucketName}/copy");
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
        await using var server = await CairnServer.StartAsync(inMemory: true, settings: new Dictionary<string, string>
        {
            ["Cairn:Faults:FailSomeUploads:EveryNth"] = "3",
            ["Cairn:Faults:ExpireSomeAccountAuthorizationTokens:EveryNth"] = "7",
        });
        using var clients = new KeyClients(output, server.BaseUrl);
        var run = await clients.B2sdkAsync("""
            import hashlib, json, os
            from b2sdk.v2 import InMemoryAccountInfo, B2Api
            api = B2Api(InMemoryAccountInfo())
            api.authorize_account(os.environ['CAIRN_URL'], os.environ['KEY_ID'], os.environ['KEY'])
            bucket = api.create_bucket('sdk-faults', 'allPrivate')
            uploaded = {}
            for i in range(20):
                data = ('payload %d' % i).encode() * 10
                version = bucket.upload_bytes(data, 'sdk/f%02d.bin' % i)
                uploaded[version.file_name] = hashlib.sha1(data).hexdigest()
            print(json.dumps(uploaded))
            """, CairnServer.MasterKeyId, CairnServer.MasterKey);
        Assert.Equal(0, run.ExitCode);
        var uploaded = JsonDocument.Parse(run.Stdout.Trim().Split('\n')[^1]).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
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
