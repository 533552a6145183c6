using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.LargeFiles;

/// <summary>Large-file calls over the wire, done plainly so tests see exactly what the server answers.</summary>
public static class LargeFileWire
{
    public static string Sha1(byte[] content) => Convert.ToHexStringLower(SHA1.HashData(content));

    public static string Md5(byte[] content) => Convert.ToHexStringLower(MD5.HashData(content));

    /// <summary>Deterministic, distinct bytes for part <paramref name="seed"/>.</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The smallest large file B2 finishes: two parts, the first of the minimum part size.</summary>
    public static byte[][] TwoParts(int seed) => [Bytes(LargeFileFixture.MinPartSize, seed), Bytes(10, seed + 1)];

    public static string NewBucketName() => "lf-" + Guid.NewGuid().ToString("N");

    public static async Task<string> NewBucketAsync(this B2Session session) => await session.CreateBucketAsync(NewBucketName());

    public static async Task<JsonElement> StartAsync(this B2Session session, string bucketId, string fileName, string contentType = "b2/x-auto", object? fileInfo = null) =>
        await session.CallAsync("b2_start_large_file", new { bucketId, fileName, contentType, fileInfo = fileInfo ?? new Dictionary<string, string>() });

    public static async Task<string> StartIdAsync(this B2Session session, string bucketId, string fileName) =>
        (await session.StartAsync(bucketId, fileName)).GetProperty("fileId").GetString()!;

    public static async Task<(string Url, string Token)> GetPartUrlAsync(this B2Session session, string fileId)
    {
        var result = await session.CallAsync("b2_get_upload_part_url", new { fileId });
        return (result.GetProperty("uploadUrl").GetString()!, result.GetProperty("authorizationToken").GetString()!);
    }

    /// <summary>POSTs a part to a part URL; <paramref name="sha1"/> defaults to the real SHA-1 of <paramref name="content"/>.</summary>
    public static async Task<HttpResponseMessage> SendPartAsync(HttpClient http, string url, string token, string partNumber, HttpContent content, string sha1)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        request.Headers.TryAddWithoutValidation("X-Bz-Part-Number", partNumber);
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", sha1);
        return await http.SendAsync(request);
    }

    /// <summary>Gets a fresh part URL and POSTs the part; returns the raw response.</summary>
    public static async Task<HttpResponseMessage> SendPartAsync(this B2Session session, string fileId, int partNumber, byte[] content, string? sha1 = null)
    {
        var (url, token) = await session.GetPartUrlAsync(fileId);
        return await SendPartAsync(session.Http, url, token, partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), new ByteArrayContent(content), sha1 ?? Sha1(content));
    }

    public static async Task<JsonElement> UploadPartAsync(this B2Session session, string fileId, int partNumber, byte[] content) =>
        await OkAsync(await session.SendPartAsync(fileId, partNumber, content));

    public static async Task<HttpResponseMessage> FinishAsync(this B2Session session, string fileId, IEnumerable<string> partSha1Array) =>
        await session.PostAsync("b2_finish_large_file", new { fileId, partSha1Array = partSha1Array.ToArray() });

    /// <summary>Starts, uploads every part (in parallel) and finishes; returns the finished version.</summary>
    public static async Task<JsonElement> UploadLargeAsync(this B2Session session, string bucketId, string fileName, IReadOnlyList<byte[]> parts)
    {
        var fileId = await session.StartIdAsync(bucketId, fileName);
        await Task.WhenAll(parts.Select((part, i) => session.UploadPartAsync(fileId, i + 1, part)));
        return await OkAsync(await session.FinishAsync(fileId, parts.Select(Sha1)));
    }

    /// <summary>Reads a 200 JSON body; fails with the body otherwise. Disposes the response.</summary>
    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    /// <summary>Asserts a B2 error body with this status and code; returns its message. Disposes the response.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, int status, string code)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
            var body = JsonDocument.Parse(text).RootElement;
            Assert.Equal(code, body.GetProperty("code").GetString());
            Assert.Equal(status, body.GetProperty("status").GetInt32());
            var message = body.GetProperty("message").GetString();
            Assert.False(string.IsNullOrEmpty(message));
            return message!;
        }
    }

    public static async Task<byte[]> DownloadByIdAsync(this B2Session session, string fileId, string? range = null)
    {
        using var response = await session.DownloadAsync($"b2api/v{session.Version}/b2_download_file_by_id?fileId={fileId}", range: range);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == (range is null ? HttpStatusCode.OK : HttpStatusCode.PartialContent), $"download {fileId} {range}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        return body;
    }

    /// <summary>Files under <c>&lt;data&gt;/blobs</c>: the blobs that exist on disk.</summary>
    public static int BlobFileCount(string dataPath)
    {
        var blobs = Path.Combine(dataPath, "blobs");
        return Directory.Exists(blobs) ? Directory.EnumerateFiles(blobs, "*", SearchOption.AllDirectories).Count() : 0;
    }

    public static byte[] Concat(IEnumerable<byte[]> parts) => parts.SelectMany(p => p).ToArray();
}
