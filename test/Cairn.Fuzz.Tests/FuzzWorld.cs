using System.Text;
using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Fuzz.Tests;

/// <summary>
/// What the fuzzer aims at: two buckets with files, an unfinished large file with a part, upload URLs, and a key
/// restricted to one bucket and prefix whose token is sent against everything else ("other tenants' ids").
/// The generator takes its valid values from here; <see cref="ObserveAsync"/> keeps it usable as the fuzz changes it.
/// </summary>
public sealed class FuzzWorld
{
    public const string ScopedPrefix = "scoped/";

    private readonly B2Session _master;

    private FuzzWorld(B2Session master, RawHttp http, string host)
    {
        _master = master;
        Http = http;
        Host = host;
    }

    public RawHttp Http { get; }

    public string Host { get; }

    public string AccountId => _master.AccountId;

    public string MasterToken => _master.Token;

    public string RestrictedToken { get; private set; } = "";

    public string RestrictedKeyId { get; private set; } = "";

    public string SpareKeyId { get; private set; } = "";

    public string DownloadToken { get; private set; } = "";

    public string HomeBucketId { get; private set; } = "";

    public string HomeBucketName { get; private set; } = "";

    /// <summary>Another bucket of the account, outside the restricted key's scope.</summary>
    public string OtherBucketId { get; private set; } = "";

    public string OtherBucketName { get; private set; } = "";

    /// <summary>Files in the home bucket under the restricted key's prefix: (id, name).</summary>
    public List<(string Id, string Name)> ScopedFiles { get; } = [];

    /// <summary>Files the restricted key must not reach: in the other bucket, or outside its prefix.</summary>
    public List<(string Id, string Name, string BucketName)> ForeignFiles { get; } = [];

    public string LargeFileId { get; private set; } = "";

    public string PartSha1 { get; private set; } = "";

    public (string Target, string Token) UploadUrl { get; private set; }

    public (string Target, string Token) PartUrl { get; private set; }

    /// <summary>Every large file started during the run (by the world or by a fuzz request that succeeded).</summary>
    public HashSet<string> StartedLargeFiles { get; } = [];

    public static async Task<FuzzWorld> CreateAsync(CairnServer server)
    {
        var uri = new Uri(server.BaseUrl);
        var master = await B2Session.AuthorizeAsync(server, 2);
        var world = new FuzzWorld(master, new RawHttp(uri.Host, uri.Port), $"{uri.Host}:{uri.Port}");
        await world.SeedAsync();
        return world;
    }

    private async Task SeedAsync()
    {
        HomeBucketName = "fuzz-home";
        OtherBucketName = "fuzz-other";
        HomeBucketId = await _master.CreateBucketAsync(HomeBucketName);
        OtherBucketId = await _master.CreateBucketAsync(OtherBucketName);
        foreach (var name in new[] { "scoped/one.txt", "scoped/deeper/two.bin", "scoped/three.txt" })
        {
            var file = await _master.UploadAsync(HomeBucketId, name, Encoding.UTF8.GetBytes("content of " + name));
            ScopedFiles.Add((file.GetProperty("fileId").GetString()!, name));
        }
        var outside = await _master.UploadAsync(HomeBucketId, "outside/four.txt", "not for the restricted key"u8.ToArray());
        ForeignFiles.Add((outside.GetProperty("fileId").GetString()!, "outside/four.txt", HomeBucketName));
        var other = await _master.UploadAsync(OtherBucketId, "scoped/secret.txt", "another bucket's secret"u8.ToArray());
        ForeignFiles.Add((other.GetProperty("fileId").GetString()!, "scoped/secret.txt", OtherBucketName));
        await _master.UploadAsync(HomeBucketId, "scoped/hidden.txt", "hidden"u8.ToArray());
        await _master.CallAsync("b2_hide_file", new { bucketId = HomeBucketId, fileName = "scoped/hidden.txt" });

        var key = await _master.CallAsync("b2_create_key", new
        {
            accountId = AccountId,
            keyName = "fuzz-restricted",
            capabilities = new[] { "listBuckets", "listFiles", "readFiles", "shareFiles", "writeFiles", "deleteFiles", "readFileRetentions", "writeFileRetentions", "readFileLegalHolds", "writeFileLegalHolds" },
            bucketId = HomeBucketId,
            namePrefix = ScopedPrefix,
        });
        RestrictedKeyId = key.GetProperty("applicationKeyId").GetString()!;
        using (var restricted = await B2Session.AuthorizeAsync(new HttpClient { BaseAddress = _master.Http.BaseAddress }, 2, RestrictedKeyId, key.GetProperty("applicationKey").GetString()))
        {
            RestrictedToken = restricted.Token;
        }
        var spare = await _master.CallAsync("b2_create_key", new { accountId = AccountId, keyName = "fuzz-spare", capabilities = new[] { "listFiles" } });
        SpareKeyId = spare.GetProperty("applicationKeyId").GetString()!;
        var download = await _master.CallAsync("b2_get_download_authorization", new { bucketId = HomeBucketId, fileNamePrefix = ScopedPrefix, validDurationInSeconds = 86400 });
        DownloadToken = download.GetProperty("authorizationToken").GetString()!;
        await RenewUploadUrlAsync();
        await RenewLargeFileAsync();
    }

    public async Task RenewUploadUrlAsync()
    {
        var (url, token) = await _master.GetUploadUrlAsync(HomeBucketId);
        UploadUrl = (new Uri(url).PathAndQuery, token);
    }

    /// <summary>Starts a large file with part 1 uploaded, for the part and finish operations to aim at.</summary>
    public async Task RenewLargeFileAsync()
    {
        var start = await _master.CallAsync("b2_start_large_file", new { bucketId = HomeBucketId, fileName = "scoped/large.bin", contentType = "application/octet-stream" });
        LargeFileId = start.GetProperty("fileId").GetString()!;
        StartedLargeFiles.Add(LargeFileId);
        var part = await _master.CallAsync("b2_get_upload_part_url", new { fileId = LargeFileId });
        PartUrl = (new Uri(part.GetProperty("uploadUrl").GetString()!).PathAndQuery, part.GetProperty("authorizationToken").GetString()!);
        var bytes = "part one of the large file"u8.ToArray();
        PartSha1 = B2Session.Sha1Hex(bytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, part.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(bytes) };
        request.Headers.TryAddWithoutValidation("Authorization", PartUrl.Token);
        request.Headers.TryAddWithoutValidation("X-Bz-Part-Number", "1");
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", PartSha1);
        using var response = await _master.Http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("seeding part 1 failed: " + await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Keeps the world aimable after a fuzz request changed it: new ids from successes, fresh URLs when used up.</summary>
    public async Task ObserveAsync(RawRequest request, RawResponse response)
    {
        if (response.Status == 200 && request.Operation is "b2_start_large_file" && TryProperty(response, "fileId") is { } started)
        {
            StartedLargeFiles.Add(started);
        }
        if (response.Status == 200 && request.Operation is "b2_finish_large_file" or "b2_cancel_large_file"
            && (request.Target.Contains(LargeFileId, StringComparison.Ordinal) || Encoding.UTF8.GetString(request.Body).Contains(LargeFileId, StringComparison.Ordinal)))
        {
            await RenewLargeFileAsync();
        }
        else if (request.Operation is "b2_upload_part" && response.Status is 400 or 401 or 404 && request.Target == PartUrl.Target)
        {
            await EnsureLargeFileAsync();
        }
        if (request.Operation is "b2_upload_file" && response.Status == 401 && request.Target == UploadUrl.Target)
        {
            await RenewUploadUrlAsync();
        }
    }

    private async Task EnsureLargeFileAsync()
    {
        var parts = await _master.PostAsync("b2_list_parts", new { fileId = LargeFileId });
        if (!parts.IsSuccessStatusCode)
        {
            await RenewLargeFileAsync();
        }
        parts.Dispose();
    }

    private static string? TryProperty(RawResponse response, string name)
    {
        try
        {
            using var json = JsonDocument.Parse(response.Body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
