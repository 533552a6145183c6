using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cairn.Bench.Support;

namespace Cairn.Bench.Clients;

/// <summary>Cairn through the B2 Native API (v2 JSON shapes), with <see cref="HttpClient"/> exactly as a B2 client sends it.</summary>
internal sealed class B2Client : IStoreClient
{
    private readonly HttpClient _http;
    private readonly string _keyId;
    private readonly string _key;
    private readonly Dictionary<string, string> _bucketIds = new(StringComparer.Ordinal);
    private string _accountId = "";
    private string _token = "";
    private string _apiUrl = "";
    private string _downloadUrl = "";

    public B2Client(string baseUrl, string keyId, string key)
    {
        _http = Http.CreateClient(baseUrl);
        _keyId = keyId;
        _key = key;
    }

    public HttpClient HttpClient => _http;

    public async Task AuthorizeAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "b2api/v2/b2_authorize_account");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_keyId}:{_key}")));
        using var response = await _http.SendAsync(request, cancellationToken);
        await Http.EnsureSuccessAsync(response, "b2_authorize_account");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        _accountId = (string)json["accountId"]!;
        _token = (string)json["authorizationToken"]!;
        _apiUrl = ((string)json["apiUrl"]!).TrimEnd('/');
        _downloadUrl = ((string)json["downloadUrl"]!).TrimEnd('/');
    }

    public async Task CreateBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        var json = await CallAsync("b2_create_bucket", new JsonObject { ["accountId"] = _accountId, ["bucketName"] = bucket, ["bucketType"] = "allPrivate" }, cancellationToken);
        _bucketIds[bucket] = (string)json!["bucketId"]!;
    }

    public async Task<IStoreSession> OpenSessionAsync(string bucket, CancellationToken cancellationToken)
    {
        var json = await CallAsync("b2_get_upload_url", new JsonObject { ["bucketId"] = _bucketIds[bucket] }, cancellationToken);
        return new Session(this, bucket, (string)json!["uploadUrl"]!, (string)json["authorizationToken"]!);
    }

    /// <summary>b2_list_file_names; returns how many entries the page held and the name to continue from.</summary>
    public async Task<(int Count, string? NextFileName)> ListFileNamesAsync(string bucket, string? startFileName, string? prefix, string? delimiter, int maxFileCount, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["bucketId"] = _bucketIds[bucket], ["maxFileCount"] = maxFileCount };
        if (startFileName is not null)
        {
            body["startFileName"] = startFileName;
        }
        if (prefix is not null)
        {
            body["prefix"] = prefix;
        }
        if (delimiter is not null)
        {
            body["delimiter"] = delimiter;
        }
        var json = await CallAsync("b2_list_file_names", body, cancellationToken);
        return (json!["files"]!.AsArray().Count, (string?)json["nextFileName"]);
    }

    public async Task<bool> UploadInPartsAsync(string bucket, string key, int partCount, long partSize, CancellationToken cancellationToken)
    {
        JsonNode started;
        try
        {
            started = (await CallAsync("b2_start_large_file", new JsonObject
            {
                ["bucketId"] = _bucketIds[bucket],
                ["fileName"] = key,
                ["contentType"] = "application/octet-stream",
            }, cancellationToken))!;
        }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        var fileId = (string)started["fileId"]!;
        var sha1s = Enumerable.Range(0, partCount).Select(i => Pattern.Sha1(i * partSize, partSize)).ToArray();
        await Task.WhenAll(Enumerable.Range(0, partCount).Select(async i =>
        {
            var url = await CallAsync("b2_get_upload_part_url", new JsonObject { ["fileId"] = fileId }, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, (string)url!["uploadUrl"]!);
            request.Headers.TryAddWithoutValidation("Authorization", (string)url["authorizationToken"]!);
            request.Headers.Add("X-Bz-Part-Number", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Bz-Content-Sha1", sha1s[i]);
            request.Content = new StreamContent(Pattern.Open(i * partSize, partSize), 256 * 1024);
            request.Content.Headers.ContentLength = partSize;
            using var response = await _http.SendAsync(request, cancellationToken);
            await Http.EnsureSuccessAsync(response, "b2_upload_part");
        }));
        await CallAsync("b2_finish_large_file", new JsonObject { ["fileId"] = fileId, ["partSha1Array"] = new JsonArray(sha1s.Select(s => (JsonNode)s!).ToArray()) }, cancellationToken);
        return true;
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return default;
    }

    private async Task<JsonNode?> CallAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_apiUrl}/b2api/v2/{operation}");
        request.Headers.TryAddWithoutValidation("Authorization", _token);
        request.Content = JsonContent.Create(body);
        using var response = await _http.SendAsync(request, cancellationToken);
        await Http.EnsureSuccessAsync(response, operation);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private sealed class Session(B2Client client, string bucket, string uploadUrl, string uploadToken) : IStoreSession
    {
        public async Task PutAsync(string key, long offset, long length, string sha1, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uploadUrl);
            request.Headers.TryAddWithoutValidation("Authorization", uploadToken);
            request.Headers.Add("X-Bz-File-Name", key);
            request.Headers.Add("X-Bz-Content-Sha1", sha1);
            request.Content = Content.Of(offset, length);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await client._http.SendAsync(request, cancellationToken);
            await Http.EnsureSuccessAsync(response, "b2_upload_file");
        }

        public async Task<long> GetAsync(string key, long expectedLength, CancellationToken cancellationToken)
        {
            using var response = await SendGetAsync(key, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return Check(await Drain.ReadAllAsync(body, cancellationToken), expectedLength);
        }

        public async Task<(long Length, string Sha1)> GetHashedAsync(string key, long expectedLength, CancellationToken cancellationToken)
        {
            using var response = await SendGetAsync(key, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var result = await Drain.HashAllAsync(body, cancellationToken);
            var header = response.Headers.TryGetValues("x-bz-content-sha1", out var values) ? values.First() : null;
            if (header is not null && header != "none" && header != result.Sha1)
            {
                throw new InvalidDataException($"{key}: x-bz-content-sha1 {header} but the body hashes to {result.Sha1}");
            }
            Check(result.Length, expectedLength);
            return result;
        }

        private async Task<HttpResponseMessage> SendGetAsync(string key, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{client._downloadUrl}/file/{bucket}/{key}");
            request.Headers.TryAddWithoutValidation("Authorization", client._token);
            var response = await client._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            try
            {
                await Http.EnsureSuccessAsync(response, "download " + key);
            }
            catch
            {
                response.Dispose();
                throw;
            }
            return response;
        }

        private static long Check(long length, long expected) =>
            length == expected ? length : throw new InvalidDataException($"Got {length} bytes, expected {expected}");
    }
}
