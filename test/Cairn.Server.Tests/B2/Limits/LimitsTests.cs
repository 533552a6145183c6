using System.Net;
using System.Text;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Limits;

/// <summary>Rate limits, slowed-down authorization guessing, injected faults and account caps, over the wire.</summary>
public class LimitsTests
{
    private static Task<CairnServer> StartAsync(params (string Key, string Value)[] settings) =>
        CairnServer.StartAsync(inMemory: true, settings: settings.ToDictionary(s => s.Key, s => s.Value));

    private static async Task<(int Status, string? Code, HttpResponseMessage Response)> PostAsync(B2Session session, string operation, object body, string? testMode = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{session.ApiUrl}/b2api/v2/{operation}")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", session.Token);
        if (testMode is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Bz-Test-Mode", testMode);
        }
        var response = await session.Http.SendAsync(request);
        return ((int)response.StatusCode, await CodeAsync(response), response);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK || !text.StartsWith('{') ? null : System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("code").GetString();
    }

    [Fact]
    public async Task RequestsAboveTheRate_Return429WithRetryAfter()
    {
        await using var server = await StartAsync(("Cairn:RateLimit:RequestsPerSecond", "3"));
        using var master = await B2Session.AuthorizeAsync(server, 2);
        var statuses = new List<int>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            var (status, code, response) = await PostAsync(master, "b2_list_buckets", new { accountId = master.AccountId });
            statuses.Add(status);
            if (status == 429)
            {
                Assert.Equal("too_many_requests", code);
                limited = response;
            }
        }
        Assert.Contains(429, statuses);
        Assert.True(int.Parse(limited!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task RepeatedFailedAuthorizations_AreSlowedDownWith429()
    {
        await using var server = await StartAsync(("Cairn:RateLimit:AuthorizeFailuresBeforeDelay", "3"));
        using var http = server.CreateClient();
        async Task<HttpResponseMessage> AuthorizeAsync(string secret)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "b2api/v2/b2_authorize_account");
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{CairnServer.MasterKeyId}:{secret}")));
            return await http.SendAsync(request);
        }
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AuthorizeAsync("wrong")).StatusCode);
        }
        var slowed = await AuthorizeAsync(CairnServer.MasterKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.Equal("too_many_requests", await CodeAsync(slowed));
        Assert.Equal("1", slowed.Headers.GetValues("Retry-After").Single());
        await Task.Delay(1100);
        Assert.Equal(HttpStatusCode.OK, (await AuthorizeAsync(CairnServer.MasterKey)).StatusCode);
    }

    [Fact]
    public async Task TestModeForceCapExceeded_AnswersEachKindsCapCode()
    {
        await using var server = await StartAsync();
        using var master = await B2Session.AuthorizeAsync(server, 2);
        var bucketId = await master.CreateBucketAsync("caps-forced");
        await master.UploadAsync(bucketId, "a.txt", [1]);

        Assert.Equal((403, "transaction_cap_exceeded"), Pick(await PostAsync(master, "b2_list_buckets", new { accountId = master.AccountId }, "force_cap_exceeded")));
        using var upload = await master.SendUploadAsync(bucketId, "b.txt", [1], headers: new Dictionary<string, string> { ["X-Bz-Test-Mode"] = "force_cap_exceeded" });
        Assert.Equal((HttpStatusCode.Forbidden, "storage_cap_exceeded"), (upload.StatusCode, await CodeAsync(upload)));
        using var download = new HttpRequestMessage(HttpMethod.Get, $"{master.DownloadUrl}/file/caps-forced/a.txt");
        download.Headers.TryAddWithoutValidation("Authorization", master.Token);
        download.Headers.TryAddWithoutValidation("X-Bz-Test-Mode", "force_cap_exceeded");
        using var downloaded = await master.Http.SendAsync(download);
        Assert.Equal((HttpStatusCode.Forbidden, "download_cap_exceeded"), (downloaded.StatusCode, await CodeAsync(downloaded)));
    }

    [Fact]
    public async Task TestModeForceCapExceeded_DoesNotRefuseAuthorizeAccount()
    {
        await using var server = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.BaseUrl}/b2api/v2/b2_authorize_account");
        request.Headers.Authorization = CairnServer.MasterBasicAuth();
        request.Headers.TryAddWithoutValidation("X-Bz-Test-Mode", "force_cap_exceeded");
        using var http = server.CreateClient();
        using var authorized = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
    }

    [Fact]
    public async Task TestModeExpireSomeTokens_SparesAFreshTokensFirstUse_SoReauthorizingOnceGetsOn()
    {
        // Every eligible use expires the token, except a token's first: the harshest setting a client can still pass.
        await using var server = await StartAsync(("Cairn:Faults:TestModeProbability", "1"));
        const string Mode = "expire_some_account_authorization_tokens";
        for (var round = 0; round < 3; round++)
        {
            using var session = await B2Session.AuthorizeAsync(server, 2);
            Assert.Equal(200, Pick(await PostAsync(session, "b2_list_buckets", new { accountId = session.AccountId }, Mode)).Item1);
            Assert.Equal((401, "expired_auth_token"), Pick(await PostAsync(session, "b2_list_buckets", new { accountId = session.AccountId }, Mode)));
            // An expired token stays expired.
            Assert.Equal((401, "expired_auth_token"), Pick(await PostAsync(session, "b2_list_buckets", new { accountId = session.AccountId }, Mode)));
        }
    }

    [Fact]
    public async Task ServerWideFaults_FailEveryNthUpload_AndExpireEveryNthToken()
    {
        await using var server = await StartAsync(("Cairn:Faults:FailSomeUploads:EveryNth", "2"), ("Cairn:Faults:ExpireSomeAccountAuthorizationTokens:EveryNth", "3"));
        using var master = await B2Session.AuthorizeAsync(server, 2);
        // Count eligible requests from here: authorize never counts for token expiry.
        var results = new List<(int, string?)>();
        for (var i = 0; i < 6; i++)
        {
            results.Add(Pick(await PostAsync(master, "b2_list_buckets", new { accountId = master.AccountId })));
        }
        Assert.Equal(2, results.Count(r => r == (401, "expired_auth_token")));
        Assert.Equal(4, results.Count(r => r.Item1 == 200));
    }

    [Fact]
    public async Task ServerWideFailSomeUploads_Answers503ServiceUnavailable()
    {
        await using var server = await StartAsync(("Cairn:Faults:FailSomeUploads:EveryNth", "2"));
        using var master = await B2Session.AuthorizeAsync(server, 2);
        var bucketId = await master.CreateBucketAsync("faulty-uploads");
        var statuses = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await master.SendUploadAsync(bucketId, $"f{i}", [1, 2]);
            statuses.Add((response.StatusCode, await CodeAsync(response)));
        }
        Assert.Equal([(HttpStatusCode.OK, null), (HttpStatusCode.ServiceUnavailable, "service_unavailable"), (HttpStatusCode.OK, null), (HttpStatusCode.ServiceUnavailable, "service_unavailable")], statuses);
    }

    [Fact]
    public async Task StorageCap_RefusesUploadsBeyondIt_AndFreesOnDelete()
    {
        await using var server = await StartAsync(("Cairn:Caps:StorageBytes", "10"));
        using var master = await B2Session.AuthorizeAsync(server, 2);
        var bucketId = await master.CreateBucketAsync("capped-storage");
        var first = await master.UploadAsync(bucketId, "a", new byte[6]);
        var refused = await Assert.ThrowsAsync<B2CallException>(() => master.UploadAsync(bucketId, "b", new byte[6]));
        Assert.Equal((403, "storage_cap_exceeded"), (refused.Status, refused.Code));
        await master.CallAsync("b2_delete_file_version", new { fileId = first.GetProperty("fileId").GetString(), fileName = "a" });
        await master.UploadAsync(bucketId, "b", new byte[6]);
    }

    [Fact]
    public async Task StorageCap_CountsCopiesAndFinishedLargeFiles()
    {
        await using var server = await StartAsync(("Cairn:Caps:StorageBytes", "20"), ("Cairn:AbsoluteMinimumPartSize", "1"), ("Cairn:RecommendedPartSize", "1"));
        using var master = await B2Session.AuthorizeAsync(server, 2);
        var bucketId = await master.CreateBucketAsync("capped-copies");
        var source = await master.UploadAsync(bucketId, "source", new byte[8]);
        await master.CallAsync("b2_copy_file", new { sourceFileId = source.GetProperty("fileId").GetString(), fileName = "copy" });

        var started = await master.CallAsync("b2_start_large_file", new { bucketId, fileName = "large", contentType = "b2/x-auto" });
        var fileId = started.GetProperty("fileId").GetString()!;
        var partUrl = await master.CallAsync("b2_get_upload_part_url", new { fileId });
        using var request = new HttpRequestMessage(HttpMethod.Post, partUrl.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(new byte[6]) };
        request.Headers.TryAddWithoutValidation("Authorization", partUrl.GetProperty("authorizationToken").GetString());
        request.Headers.TryAddWithoutValidation("X-Bz-Part-Number", "1");
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", B2Session.Sha1Hex(new byte[6]));
        using var tooMuch = await master.Http.SendAsync(request);
        Assert.Equal((HttpStatusCode.Forbidden, "storage_cap_exceeded"), (tooMuch.StatusCode, await CodeAsync(tooMuch)));

        var refused = await Assert.ThrowsAsync<B2CallException>(() => master.CallAsync("b2_copy_file", new { sourceFileId = source.GetProperty("fileId").GetString(), fileName = "copy2" }));
        Assert.Equal((403, "storage_cap_exceeded"), (refused.Status, refused.Code));
    }

    [Fact]
    public async Task CreateBucket_PastTheBucketLimit_Returns400TooManyBuckets_AndDeletingOneMakesRoom()
    {
        // B2's docs: 400 too_many_buckets "The account is already at the maximum bucket count" (100 by default).
        await using var server = await StartAsync(("Cairn:MaxBucketsPerAccount", "2"));
        using var master = await B2Session.AuthorizeAsync(server, 2);
        var first = await master.CreateBucketAsync("limit-" + Guid.NewGuid().ToString("N")[..20]);
        await master.CreateBucketAsync("limit-" + Guid.NewGuid().ToString("N")[..20]);

        var third = new { accountId = master.AccountId, bucketName = "limit-" + Guid.NewGuid().ToString("N")[..20], bucketType = "allPrivate" };
        Assert.Equal((400, "too_many_buckets"), Pick(await PostAsync(master, "b2_create_bucket", third)));
        await master.CallAsync("b2_delete_bucket", new { accountId = master.AccountId, bucketId = first });
        Assert.Equal((200, (string?)null), Pick(await PostAsync(master, "b2_create_bucket", third)));
    }

    [Fact]
    public async Task DailyDownloadAndTransactionCaps_AnswerTheirCodes()
    {
        await using var server = await StartAsync(("Cairn:Caps:DailyDownloadBytes", "10"), ("Cairn:Caps:DailyTransactions", "8"));
        using var master = await B2Session.AuthorizeAsync(server, 2); // 1
        var bucketId = await master.CreateBucketAsync("capped-downloads"); // 2
        await master.UploadAsync(bucketId, "six", new byte[6]); // 3, 4
        using (var ok = await master.DownloadAsync("file/capped-downloads/six")) // 5
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using (var over = await master.DownloadAsync("file/capped-downloads/six")) // 6
        {
            Assert.Equal((HttpStatusCode.Forbidden, "download_cap_exceeded"), (over.StatusCode, await CodeAsync(over)));
        }
        Assert.Equal(200, (await PostAsync(master, "b2_list_buckets", new { accountId = master.AccountId })).Status); // 7
        Assert.Equal(200, (await PostAsync(master, "b2_list_buckets", new { accountId = master.AccountId })).Status); // 8
        Assert.Equal((403, "transaction_cap_exceeded"), Pick(await PostAsync(master, "b2_list_buckets", new { accountId = master.AccountId })));
    }

    private static (int, string?) Pick((int Status, string? Code, HttpResponseMessage Response) result)
    {
        result.Response.Dispose();
        return (result.Status, result.Code);
    }
}
