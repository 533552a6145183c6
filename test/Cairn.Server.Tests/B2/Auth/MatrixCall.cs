using System.Text;
using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Auth;

/// <summary>One cell of the matrix: a row, a key (capabilities and scope) and an API version, with the calls rows use.</summary>
public sealed class MatrixCall(MatrixFixture fixture, IReadOnlyList<string> capabilities, BucketScope bucket, PrefixScope prefix, int version)
{
    public const string Prefix = "p/";
    public const string ExistingFileName = "p/existing.txt";

    public int Version => version;

    public string AccountId => fixture.Master.AccountId;

    public string BucketA => fixture.BucketA;

    public string BucketAName => fixture.BucketAName;

    public string ExistingFileId => fixture.ExistingFileId;

    public static string UniqueBucketName() => "matrix-" + Guid.NewGuid().ToString("N")[..20];

    public override string ToString() =>
        $"v{version} caps=[{string.Join(',', capabilities.Count > 4 ? ["all but " + string.Join(',', Core.Keys.Capabilities.All.Except(capabilities))] : capabilities)}] bucket={bucket} prefix={prefix}";

    private Task<MatrixKey> KeyAsync(string? thisBucket = null) => fixture.KeyAsync(capabilities, bucket, prefix, thisBucket ?? fixture.BucketA);

    /// <summary>POSTs a JSON call with the key's account token; <paramref name="countProperty"/> names an array to count.</summary>
    public async Task<MatrixResult> JsonAsync(string operation, object body, string? countProperty = null, string? thisBucket = null)
    {
        var key = await KeyAsync(thisBucket);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"b2api/v{version}/{operation}")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", key.Token);
        return await SendAsync(request, countProperty);
    }

    public async Task<MatrixResult> AuthorizeAsync()
    {
        var key = await KeyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"b2api/v{version}/b2_authorize_account");
        request.Headers.Authorization = key.Basic();
        return await SendAsync(request, null);
    }

    public async Task<MatrixResult> DownloadAsync(string pathAndQuery)
    {
        var key = await KeyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.TryAddWithoutValidation("Authorization", key.Token);
        return await SendAsync(request, null);
    }

    /// <summary>b2_get_upload_url then b2_upload_file of a new name under the prefix, both as the key.</summary>
    public async Task<MatrixResult> UploadAsync()
    {
        var url = await JsonAsync("b2_get_upload_url", new { bucketId = BucketA });
        if (url.Status != 200)
        {
            return url;
        }
        using var document = JsonDocument.Parse(url.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, document.RootElement.GetProperty("uploadUrl").GetString())
        {
            Content = new ByteArrayContent([1, 2, 3]),
        };
        request.Headers.TryAddWithoutValidation("Authorization", document.RootElement.GetProperty("authorizationToken").GetString());
        request.Headers.TryAddWithoutValidation("X-Bz-File-Name", Prefix + "up-" + Guid.NewGuid().ToString("N"));
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", "do_not_verify");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "b2/x-auto");
        return await SendAsync(request, null);
    }

    /// <summary>The body of a b2_create_key asking for a key inside bucket A and <c>p/</c>, in this version's shape.</summary>
    public object NewKeyBody() => version >= 4
        ? new { accountId = AccountId, capabilities = new[] { "readFiles" }, keyName = "child", bucketIds = new[] { BucketA }, namePrefix = Prefix }
        : new { accountId = AccountId, capabilities = new[] { "readFiles" }, keyName = "child", bucketId = BucketA, namePrefix = Prefix };

    /// <summary>A key (made by the master key) restricted to bucket A and <c>p/</c>, for b2_delete_key to remove.</summary>
    public async Task<string> NewVictimKeyAsync()
    {
        var key = await fixture.Master.CallAsync("b2_create_key",
            new { accountId = AccountId, capabilities = new[] { "readFiles" }, keyName = "victim", bucketIds = new[] { BucketA }, namePrefix = Prefix });
        return key.GetProperty("applicationKeyId").GetString()!;
    }

    /// <summary>
    /// A grant this case's key approved (as the consent page would store it), for b2_revoke_agent_grant: the store is
    /// written directly because the consent flow itself is tested in OAuth/.
    /// </summary>
    public async Task<string> NewOwnAgentGrantAsync()
    {
        var key = await KeyAsync();
        var grantId = "grant_" + Guid.NewGuid().ToString("N");
        await fixture.Server.GetService<Core.Storage.IMetadataStore>().InsertAgentGrantAsync(new Core.OAuth.AgentGrant
        {
            GrantId = grantId,
            AccountId = AccountId,
            ApplicationKeyId = key.KeyId,
            ClientId = "cairn-client-matrix",
            ClientName = "matrix",
            Capabilities = capabilities.Take(1).ToList(),
            Resource = fixture.Server.BaseUrl + "/mcp",
            RedirectUri = "http://127.0.0.1:1/cb",
            CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ExpiresAt = long.MaxValue,
        }, CancellationToken.None);
        return grantId;
    }

    public Task<string> NewBucketAsync() => fixture.Master.CreateBucketAsync(UniqueBucketName());

    /// <summary>A new file under the prefix in bucket A, uploaded by the master key.</summary>
    public async Task<(string FileId, string FileName)> NewFileAsync()
    {
        var name = Prefix + "f-" + Guid.NewGuid().ToString("N");
        var version = await fixture.Master.UploadAsync(BucketA, name, [7]);
        return (version.GetProperty("fileId").GetString()!, name);
    }

    /// <summary>An unfinished large file under the prefix in bucket A, started by the master key.</summary>
    public async Task<string> NewLargeFileAsync()
    {
        var started = await fixture.Master.CallAsync("b2_start_large_file",
            new { bucketId = BucketA, fileName = Prefix + "large-" + Guid.NewGuid().ToString("N"), contentType = "b2/x-auto" });
        return started.GetProperty("fileId").GetString()!;
    }

    /// <summary>An unfinished large file with part 1 uploaded by the master key, and that part's SHA-1.</summary>
    public async Task<(string FileId, string[] Sha1s)> NewLargeFileWithPartsAsync()
    {
        var fileId = await NewLargeFileAsync();
        byte[][] parts = [[1, 2, 3], [4, 5, 6]];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = await fixture.Master.CallAsync("b2_get_upload_part_url", new { fileId });
            using var request = PartRequest(part, parts[i], i + 1);
            using var response = await fixture.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
        return (fileId, parts.Select(B2Session.Sha1Hex).ToArray());
    }

    /// <summary>b2_get_upload_part_url then b2_upload_part of part 1, both as the key, on a file the master started.</summary>
    public async Task<MatrixResult> UploadPartAsync()
    {
        var url = await JsonAsync("b2_get_upload_part_url", new { fileId = await NewLargeFileAsync() });
        if (url.Status != 200)
        {
            return url;
        }
        using var document = JsonDocument.Parse(url.Body);
        using var request = PartRequest(document.RootElement, [4, 5, 6]);
        return await SendAsync(request, null);
    }

    private static HttpRequestMessage PartRequest(JsonElement partUrl, byte[] content, int partNumber = 1)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, partUrl.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(content) };
        request.Headers.TryAddWithoutValidation("Authorization", partUrl.GetProperty("authorizationToken").GetString());
        request.Headers.TryAddWithoutValidation("X-Bz-Part-Number", partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", B2Session.Sha1Hex(content));
        return request;
    }

    private async Task<MatrixResult> SendAsync(HttpRequestMessage request, string? countProperty)
    {
        using var response = await fixture.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        string? code = null;
        int? count = null;
        if (body.StartsWith('{'))
        {
            using var document = JsonDocument.Parse(body);
            if (status != 200 && document.RootElement.TryGetProperty("code", out var c))
            {
                code = c.GetString();
            }
            if (status == 200 && countProperty is not null)
            {
                count = document.RootElement.GetProperty(countProperty).GetArrayLength();
            }
        }
        return new MatrixResult(status, code, count, body);
    }
}
