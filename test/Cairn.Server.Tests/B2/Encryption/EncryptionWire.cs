using System.Security.Cryptography;
using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Encryption;

/// <summary>SSE headers and JSON objects as b2sdk 1.17.3 sends them (b2sdk/encryption/setting.py).</summary>
public static class EncryptionWire
{
    public static readonly object SseB2 = new { mode = "SSE-B2", algorithm = "AES256" };

    public static readonly IReadOnlyDictionary<string, string> SseB2Headers = new Dictionary<string, string> { ["X-Bz-Server-Side-Encryption"] = "AES256" };

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    public static string KeyMd5(byte[] key) => Convert.ToBase64String(MD5.HashData(key));

    public static Dictionary<string, string> SseCHeaders(byte[] key, string? md5 = null) => new()
    {
        ["X-Bz-Server-Side-Encryption-Customer-Algorithm"] = "AES256",
        ["X-Bz-Server-Side-Encryption-Customer-Key"] = Convert.ToBase64String(key),
        ["X-Bz-Server-Side-Encryption-Customer-Key-Md5"] = md5 ?? KeyMd5(key),
    };

    public static object SseC(byte[] key) => new { mode = "SSE-C", algorithm = "AES256", customerKey = Convert.ToBase64String(key), customerKeyMd5 = KeyMd5(key) };

    /// <summary>GET (or HEAD) by id with extra headers.</summary>
    public static async Task<HttpResponseMessage> DownloadByIdAsync(this B2Session session, string fileId, IReadOnlyDictionary<string, string>? headers = null,
        string? range = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, $"{session.DownloadUrl}/b2api/v{session.Version}/b2_download_file_by_id?fileId={fileId}");
        request.Headers.TryAddWithoutValidation("Authorization", session.Token);
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await session.Http.SendAsync(request);
    }

    /// <summary>The body of a 200/206 download; fails with the body otherwise.</summary>
    public static async Task<byte[]> BytesAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.IsSuccessStatusCode, $"expected success, got {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
            return body;
        }
    }

    public static string Mode(JsonElement version) => version.GetProperty("serverSideEncryption").GetProperty("mode").GetString() ?? "null";

    /// <summary>Every blob file of a disk server, for checks on what is at rest.</summary>
    public static IEnumerable<string> BlobFiles(CairnServer server) =>
        Directory.EnumerateFiles(Path.Combine(server.DataPath ?? throw new InvalidOperationException("a disk server is needed"), "blobs"), "*", SearchOption.AllDirectories);

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
