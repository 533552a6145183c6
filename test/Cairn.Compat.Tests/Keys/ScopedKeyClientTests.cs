using System.Text;
using System.Text.Json;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Keys;

/// <summary>
/// Least-privilege keys with real clients: the b2 CLI makes a read-only key for one bucket and prefix; rclone and b2sdk
/// read inside that scope and are refused outside it and on writes; a key without deleteFiles hides but cannot delete.
/// </summary>
public sealed class ScopedKeyClientTests(ITestOutputHelper output) : IAsyncLifetime
{
    private CairnServer _server = null!;
    private KeyClients _clients = null!;
    private B2Session _master = null!;
    private string _dataId = null!;

    public async Task InitializeAsync()
    {
        _server = await CairnServer.StartAsync(inMemory: true);
        _clients = new KeyClients(output, _server.BaseUrl);
        _master = await B2Session.AuthorizeAsync(_server, 2);
        _dataId = await _master.CreateBucketAsync("scoped-data");
        var otherId = await _master.CreateBucketAsync("other-data");
        foreach (var name in new[] { "reports/q1.txt", "reports/q2.txt", "private/salary.txt" })
        {
            await _master.UploadAsync(_dataId, name, Encoding.UTF8.GetBytes("content of " + name));
        }
        await _master.UploadAsync(otherId, "x.txt", Encoding.UTF8.GetBytes("other"));
    }

    public async Task DisposeAsync()
    {
        _master.Dispose();
        _clients.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<(string Id, string Key)> B2CliCreateKeyAsync(params string[] arguments)
    {
        var login = await _clients.B2Async("master", "authorize-account", CairnServer.MasterKeyId, CairnServer.MasterKey);
        Assert.Equal(0, login.ExitCode);
        var created = await _clients.B2Async("master", ["create-key", .. arguments]);
        Assert.Equal(0, created.ExitCode);
        var parts = created.Stdout.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return (parts[0], parts[1]);
    }

    [Fact]
    public async Task B2CliReadOnlyPrefixKey_RcloneAndB2sdkReadInsideOnly()
    {
        var (id, key) = await B2CliCreateKeyAsync("--bucket", "scoped-data", "--namePrefix", "reports/", "reports-reader", "listBuckets,listFiles,readFiles");
        var stored = await _master.CallAsync("b2_list_keys", new { accountId = _master.AccountId });
        var listed = stored.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("applicationKeyId").GetString() == id);
        Assert.Equal(_dataId, listed.GetProperty("bucketId").GetString());
        Assert.Equal("reports/", listed.GetProperty("namePrefix").GetString());

        // rclone: reads inside the scope…
        var cat = await _clients.RcloneAsync(id, key, "cat", ":b2:scoped-data/reports/q1.txt");
        Assert.Equal((0, "content of reports/q1.txt"), (cat.ExitCode, cat.Stdout));
        var ls = await _clients.RcloneAsync(id, key, "lsf", ":b2:scoped-data/reports");
        Assert.Equal(0, ls.ExitCode);
        Assert.Equal(["q1.txt", "q2.txt"], ls.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // …and is refused outside it and on writes.
        var quick = new[] { "--retries", "1", "--low-level-retries", "1" };
        var outsidePrefix = await _clients.RcloneAsync(id, key, [.. quick, "cat", ":b2:scoped-data/private/salary.txt"]);
        Assert.NotEqual(0, outsidePrefix.ExitCode);
        Assert.DoesNotContain("content of private", outsidePrefix.Stdout, StringComparison.Ordinal);
        var otherBucket = await _clients.RcloneAsync(id, key, [.. quick, "cat", ":b2:other-data/x.txt"]);
        Assert.NotEqual(0, otherBucket.ExitCode);
        Assert.DoesNotContain("other", otherBucket.Stdout, StringComparison.Ordinal);
        var local = Path.Combine(_clients.WorkDirectory, "new.txt");
        await File.WriteAllTextAsync(local, "sneaky");
        var write = await _clients.RcloneAsync(id, key, [.. quick, "copyto", local, ":b2:scoped-data/reports/new.txt"]);
        Assert.NotEqual(0, write.ExitCode);

        // b2sdk: the same key through the library.
        var sdk = await _clients.B2sdkAsync("""
            import io, json, os
            from b2sdk.v2 import InMemoryAccountInfo, B2Api
            api = B2Api(InMemoryAccountInfo())
            api.authorize_account(os.environ['CAIRN_URL'], os.environ['KEY_ID'], os.environ['KEY'])
            out = {}
            def attempt(name, action):
                try:
                    out[name] = ['ok', action()]
                except Exception as e:
                    out[name] = ['refused', type(e).__name__, str(e)[:200]]
            bucket = api.get_bucket_by_name('scoped-data')
            def read(name):
                data = io.BytesIO()
                bucket.download_file_by_name(name).save(data)
                return data.getvalue().decode()
            attempt('read_inside', lambda: read('reports/q2.txt'))
            attempt('list_inside', lambda: sorted(v.file_name for v, _ in bucket.ls('reports', recursive=True)))
            attempt('read_outside', lambda: read('private/salary.txt'))
            attempt('list_outside', lambda: [v.file_name for v, _ in bucket.ls('', recursive=True)])
            attempt('write_inside', lambda: bucket.upload_bytes(b'x', 'reports/new.txt').id_)
            attempt('other_bucket', lambda: api.get_bucket_by_name('other-data').name)
            print(json.dumps(out))
            """, id, key);
        Assert.Equal(0, sdk.ExitCode);
        var result = JsonDocument.Parse(sdk.Stdout.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("content of reports/q2.txt", result.GetProperty("read_inside")[1].GetString());
        Assert.Equal(["reports/q1.txt", "reports/q2.txt"], result.GetProperty("list_inside")[1].EnumerateArray().Select(e => e.GetString()));
        foreach (var refused in new[] { "read_outside", "list_outside", "write_inside", "other_bucket" })
        {
            Assert.True(result.GetProperty(refused)[0].GetString() == "refused", $"{refused}: {result.GetProperty(refused)}");
        }

        // Nothing was written.
        var names = await _master.CallAsync("b2_list_file_names", new { bucketId = _dataId });
        Assert.Equal(3, names.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task B2Cli_KeyWithoutDeleteFiles_HidesButCannotDeleteVersions()
    {
        var (id, key) = await B2CliCreateKeyAsync("no-delete", "listBuckets,listFiles,readFiles,writeFiles");
        var login = await _clients.B2Async("nodelete", "authorize-account", id, key);
        Assert.Equal(0, login.ExitCode);
        var fileId = (await _master.CallAsync("b2_list_file_names", new { bucketId = _dataId, prefix = "reports/q1" })).GetProperty("files")[0].GetProperty("fileId").GetString()!;

        var delete = await _clients.B2Async("nodelete", "delete-file-version", "reports/q1.txt", fileId);
        Assert.NotEqual(0, delete.ExitCode);
        Assert.Contains("unauthorized", delete.All, StringComparison.OrdinalIgnoreCase);

        var hide = await _clients.B2Async("nodelete", "hide-file", "scoped-data", "reports/q1.txt");
        Assert.Equal(0, hide.ExitCode);
        Assert.Contains("\"action\": \"hide\"", hide.Stdout, StringComparison.Ordinal);

        var versions = await _master.CallAsync("b2_list_file_versions", new { bucketId = _dataId, prefix = "reports/q1" });
        Assert.Equal(["hide", "upload"], versions.GetProperty("files").EnumerateArray().Select(v => v.GetProperty("action").GetString()));
    }
}
