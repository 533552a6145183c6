using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Soak;

/// <summary>
/// One simulated B2 client: reuses its upload URL, uploads, downloads and checks SHA-1, lists, copies, hides, deletes and
/// finishes small large files, keeping at most <see cref="MaxFiles"/> files of its own so the store stays bounded.
/// </summary>
internal sealed class SoakClient(B2Session session, string bucketId, int index, SoakTally tally)
{
    public const int MinPartSize = 1024;
    private const int MaxFiles = 40;

    private readonly Random _random = new(index * 7919 + 17);
    private readonly List<(string Name, string FileId, string Sha1)> _files = [];
    private (string Url, string Token)? _uploadUrl;
    private int _sequence;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var roll = _random.Next(100);
            var op = _files.Count >= MaxFiles ? "delete"
                : _files.Count == 0 || roll < 35 ? "upload"
                : roll < 60 ? "download"
                : roll < 70 ? "list"
                : roll < 78 ? "copy"
                : roll < 85 ? "hide"
                : roll < 97 ? "delete"
                : "large";
            try
            {
                await RunAsync(op);
                tally.Ok(op);
            }
            catch (SoakFailure e)
            {
                tally.Error(op, e.Message);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or JsonException or TaskCanceledException)
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }
                tally.Error(op, e.GetType().Name + ": " + e.Message);
            }
        }
    }

    private Task RunAsync(string op) => op switch
    {
        "upload" => UploadAsync(),
        "download" => DownloadAsync(),
        "list" => ListAsync(),
        "copy" => CopyAsync(),
        "hide" => HideAsync(),
        "delete" => DeleteAsync(),
        _ => LargeAsync(),
    };

    private string NextName() => $"c{index:D2}/{_sequence++:D7}";

    private async Task UploadAsync()
    {
        var content = new byte[_random.Next(20) == 0 ? _random.Next(256 * 1024, 1024 * 1024) : _random.Next(1, 64 * 1024)];
        _random.NextBytes(content);
        var name = NextName();
        _uploadUrl ??= await session.GetUploadUrlAsync(bucketId);
        using var request = new HttpRequestMessage(HttpMethod.Post, _uploadUrl.Value.Url) { Content = new ByteArrayContent(content) };
        request.Headers.TryAddWithoutValidation("Authorization", _uploadUrl.Value.Token);
        request.Headers.TryAddWithoutValidation("X-Bz-File-Name", name);
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", B2Session.Sha1Hex(content));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
        JsonElement file;
        try
        {
            file = await SendAsync(request);
        }
        catch
        {
            _uploadUrl = null; // what B2 clients do: a fresh URL after any failure
            throw;
        }
        _files.Add((name, file.GetProperty("fileId").GetString()!, B2Session.Sha1Hex(content)));
    }

    private async Task DownloadAsync()
    {
        var (name, fileId, sha1) = _files[_random.Next(_files.Count)];
        using var response = await session.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={Uri.EscapeDataString(fileId)}");
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new SoakFailure($"{(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        }
        if (B2Session.Sha1Hex(body) != sha1)
        {
            throw new SoakFailure($"{name} downloaded with SHA-1 {B2Session.Sha1Hex(body)}, stored {sha1}");
        }
    }

    private Task ListAsync() => CallAsync("b2_list_file_names", new { bucketId, prefix = $"c{index:D2}/", maxFileCount = 100 });

    private async Task CopyAsync()
    {
        var (_, fileId, sha1) = _files[_random.Next(_files.Count)];
        var name = NextName();
        var copy = await CallAsync("b2_copy_file", new { sourceFileId = fileId, fileName = name });
        _files.Add((name, copy.GetProperty("fileId").GetString()!, sha1));
    }

    private async Task HideAsync()
    {
        var (name, _, _) = _files[_random.Next(_files.Count)];
        using var response = await session.PostAsync("b2_hide_file", new { bucketId, fileName = name });
        var text = await response.Content.ReadAsStringAsync();
        // Hiding a name twice is B2's 400 already_hidden: a correct answer, not an error of the server.
        if (response.StatusCode != HttpStatusCode.OK && !text.Contains("already_hidden", StringComparison.Ordinal))
        {
            throw new SoakFailure($"{(int)response.StatusCode} {text}");
        }
    }

    private async Task DeleteAsync()
    {
        var (name, fileId, _) = _files[0];
        _files.RemoveAt(0);
        await CallAsync("b2_delete_file_version", new { fileId, fileName = name });
    }

    private async Task LargeAsync()
    {
        var name = NextName();
        var fileId = (await CallAsync("b2_start_large_file", new { bucketId, fileName = name, contentType = "application/octet-stream" })).GetProperty("fileId").GetString()!;
        var url = await CallAsync("b2_get_upload_part_url", new { fileId });
        var parts = new[] { new byte[_random.Next(MinPartSize, 128 * 1024)], new byte[_random.Next(1, 128 * 1024)] };
        for (var i = 0; i < parts.Length; i++)
        {
            _random.NextBytes(parts[i]);
            using var request = new HttpRequestMessage(HttpMethod.Post, url.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(parts[i]) };
            request.Headers.TryAddWithoutValidation("Authorization", url.GetProperty("authorizationToken").GetString());
            request.Headers.TryAddWithoutValidation("X-Bz-Part-Number", (i + 1).ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", B2Session.Sha1Hex(parts[i]));
            await SendAsync(request);
        }
        var finished = await CallAsync("b2_finish_large_file", new { fileId, partSha1Array = parts.Select(B2Session.Sha1Hex).ToArray() });
        _files.Add((name, finished.GetProperty("fileId").GetString()!, B2Session.Sha1Hex([.. parts[0], .. parts[1]])));
    }

    private async Task<JsonElement> CallAsync(string operation, object body)
    {
        using var response = await session.PostAsync(operation, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new SoakFailure($"{operation}: {(int)response.StatusCode} {text}");
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request)
    {
        using var response = await session.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new SoakFailure($"{request.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {text}");
    }
}

/// <summary>A reply that is not what B2 would answer a well-behaved client.</summary>
internal sealed class SoakFailure(string message) : Exception(message);
