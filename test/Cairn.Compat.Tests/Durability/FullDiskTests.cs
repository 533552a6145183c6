using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Cairn.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Durability;

/// <summary>
/// A real Cairn process whose whole data directory (blobs and the SQLite metadata) lives on a 24 MiB tmpfs made for the
/// test: uploads that do not fit are refused with B2's retryable 503 <c>service_unavailable</c>, nothing stored before is
/// damaged, no partial blob is left behind, SQLite stays consistent, and once space returns (a file outside Cairn is
/// deleted; the filesystem is grown) uploads succeed again without a restart.
/// </summary>
/// <remarks>Mounting needs root, which CI has; without it the test fails and says so rather than skipping.</remarks>
public sealed class FullDiskTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int FileSystemMiB = 24;
    private const int BallastBytes = 4 * 1024 * 1024;
    private const int BigFile = 2 * 1024 * 1024;
    private const int SmallFile = 64 * 1024;
    private const int MinPartSize = 1024;

    private readonly string _mountPoint = Path.Combine(Path.GetTempPath(), "cairn-full-" + Guid.NewGuid().ToString("N"));
    private readonly List<CairnProcess> _processes = [];
    private string? _mountError;

    private string DataPath => Path.Combine(_mountPoint, "data");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_mountPoint);
        _mountError = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={FileSystemMiB}m,mode=0700", "tmpfs", _mountPoint);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        if (_mountError is null)
        {
            await RunAsync("umount", "-l", _mountPoint);
        }
        if (Directory.Exists(_mountPoint))
        {
            Directory.Delete(_mountPoint, recursive: true);
        }
    }

    [Fact]
    public async Task UploadsThatDoNotFit_Answer503_KeepWhatIsStored_AndRecoverWhenSpaceReturns()
    {
        Assert.True(_mountError is null,
            $"the full-disk test mounts a {FileSystemMiB} MiB tmpfs at {_mountPoint} and cannot: {_mountError} (it needs root, as CI has)");
        // Room that belongs to someone else on the same disk; deleting it later gives space back without touching Cairn.
        var ballast = Path.Combine(_mountPoint, "ballast");
        await File.WriteAllBytesAsync(ballast, RandomNumberGenerator.GetBytes(BallastBytes));

        var server = await CairnProcess.StartAsync(DataPath, environment: new Dictionary<string, string>
        {
            ["CAIRN_ABSOLUTE_MINIMUM_PART_SIZE"] = MinPartSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _processes.Add(server);
        using var session = await B2Session.AuthorizeAsync(server);
        var bucketId = await session.CreateBucketAsync("full-" + Guid.NewGuid().ToString("N")[..12]);
        var stored = new List<(string FileId, string Sha1, int Length)>();

        for (var i = 0; i < 3; i++)
        {
            stored.Add(await UploadAsync(session, bucketId, $"before/{i}", RandomNumberGenerator.GetBytes(BigFile)) ?? throw new InvalidOperationException("the disk filled before anything was stored"));
        }
        var large = (await session.CallAsync("b2_start_large_file", new { bucketId, fileName = "large", contentType = "application/octet-stream" }))
            .GetProperty("fileId").GetString()!;
        var parts = new List<byte[]> { RandomNumberGenerator.GetBytes(SmallFile) };
        Assert.Equal(200, (await UploadPartAsync(session, large, 1, parts[0])).Status);

        // Fill: big files until one does not fit, then small ones until nothing does. Every refusal is B2's 503.
        var refusals = await FillAsync(session, bucketId, "fill-1", stored);
        output.WriteLine($"disk full after {stored.Count} stored files; {refusals} uploads refused with 503; {FreeBytes()} bytes free");
        await CheckFullAsync(session, bucketId, "before/0", large, parts);
        await CheckStoredAsync(server, session, stored);

        // Space returns: someone deletes a file on the same disk. No restart.
        File.Delete(ballast);
        stored.Add(await UploadAsync(session, bucketId, "after-ballast", RandomNumberGenerator.GetBytes(BigFile))
            ?? throw new InvalidOperationException($"an upload was refused after {BallastBytes} bytes were freed: Cairn did not recover by itself"));

        // Full again; then the filesystem grows. No restart.
        refusals = await FillAsync(session, bucketId, "fill-2", stored);
        output.WriteLine($"full again after {stored.Count} stored files ({refusals} refused); growing the filesystem");
        await CheckFullAsync(session, bucketId, "before/1", large, parts);
        var grow = await RunAsync("mount", "-o", $"remount,size={FileSystemMiB * 2}m", _mountPoint);
        Assert.True(grow is null, $"could not grow the tmpfs: {grow}");
        stored.Add(await UploadAsync(session, bucketId, "after-grow", RandomNumberGenerator.GetBytes(BigFile))
            ?? throw new InvalidOperationException("an upload was refused after the filesystem grew: Cairn did not recover by itself"));
        parts.Add(RandomNumberGenerator.GetBytes(SmallFile));
        var part = await UploadPartAsync(session, large, 2, parts[1]);
        Assert.True(part.Status == 200, $"a part upload was refused after the filesystem grew: {part.Status} {part.Body}");
        var finished = await session.CallAsync("b2_finish_large_file", new { fileId = large, partSha1Array = parts.Select(B2Session.Sha1Hex).ToArray() });
        var whole = parts.SelectMany(p => p).ToArray();
        stored.Add((finished.GetProperty("fileId").GetString()!, B2Session.Sha1Hex(whole), whole.Length));

        Assert.False(server.HasExited, "the server died on the full disk");
        await CheckStoredAsync(server, session, stored);
        Assert.DoesNotContain("answered 500", server.Output, StringComparison.Ordinal);
    }

    /// <summary>Uploads until nothing fits (bounded); returns how many were refused, each with B2's 503.</summary>
    private async Task<int> FillAsync(B2Session session, string bucketId, string prefix, List<(string FileId, string Sha1, int Length)> stored)
    {
        var refusals = 0;
        // Down to one-byte files, so that at the end not even the metadata of an upload fits.
        foreach (var size in new[] { BigFile, SmallFile, 1 })
        {
            for (var i = 0; i < 400; i++)
            {
                var result = await UploadAsync(session, bucketId, $"{prefix}/{size}/{i}", RandomNumberGenerator.GetBytes(size));
                if (result is null)
                {
                    refusals++;
                    break;
                }
                stored.Add(result.Value);
            }
        }
        Assert.True(refusals == 3, "the disk never filled up");
        return refusals;
    }

    /// <summary>On a full disk: a part upload is refused with 503 too, a metadata-only call is answered or refused as B2 would, never with 500.</summary>
    private static async Task CheckFullAsync(B2Session session, string bucketId, string hideName, string largeFileId, List<byte[]> parts)
    {
        var part = await UploadPartAsync(session, largeFileId, parts.Count + 1, RandomNumberGenerator.GetBytes(256 * 1024));
        AssertServiceUnavailable(part.Status, part.Body, "b2_upload_part");
        using var hide = await session.PostAsync("b2_hide_file", new { bucketId, fileName = hideName });
        var hideBody = await hide.Content.ReadAsStringAsync();
        if (hide.StatusCode != HttpStatusCode.OK)
        {
            AssertServiceUnavailable((int)hide.StatusCode, hideBody, "b2_hide_file");
        }
        using var health = await session.Http.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>Everything stored downloads whole; no partial blob; the blobs are exactly those SQLite references; SQLite is consistent.</summary>
    private async Task CheckStoredAsync(CairnProcess server, B2Session session, List<(string FileId, string Sha1, int Length)> stored)
    {
        foreach (var (fileId, sha1, length) in stored)
        {
            using var response = await session.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={Uri.EscapeDataString(fileId)}");
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{fileId}: stored before, now {(int)response.StatusCode}");
            Assert.True(body.Length == length && B2Session.Sha1Hex(body) == sha1, $"{fileId}: stored {length} bytes with SHA-1 {sha1}, downloads {body.Length} with {B2Session.Sha1Hex(body)}");
        }
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(DataPath, "tmp")));
        Assert.Equal(0, server.CountBlobsBeingWritten());

        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataPath, "metadata.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar() as string);
        }
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        using (var blobs = connection.CreateCommand())
        {
            blobs.CommandText = "SELECT blob_id FROM segments UNION SELECT blob_id FROM parts";
            using var reader = blobs.ExecuteReader();
            while (reader.Read())
            {
                referenced.Add(reader.GetString(0));
            }
        }
        var onDisk = Directory.EnumerateFiles(Path.Combine(DataPath, "blobs"), "*", SearchOption.AllDirectories).Select(p => Path.GetFileName(p)).ToHashSet(StringComparer.Ordinal);
        Assert.True(onDisk.SetEquals(referenced),
            $"blob files and referenced blobs differ: {onDisk.Except(referenced).Count()} unreferenced files, {referenced.Except(onDisk).Count()} missing");
    }

    /// <summary>(fileId, SHA-1, length) when stored; null when refused with B2's 503 (anything else fails the test).</summary>
    private static async Task<(string FileId, string Sha1, int Length)?> UploadAsync(B2Session session, string bucketId, string name, byte[] content)
    {
        using var response = await session.SendUploadAsync(bucketId, name, content);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return (JsonDocument.Parse(body).RootElement.GetProperty("fileId").GetString()!, B2Session.Sha1Hex(content), content.Length);
        }
        AssertServiceUnavailable((int)response.StatusCode, body, $"upload of {name}");
        return null;
    }

    private static async Task<(int Status, string Body)> UploadPartAsync(B2Session session, string fileId, int number, byte[] content)
    {
        var url = await session.CallAsync("b2_get_upload_part_url", new { fileId });
        using var request = new HttpRequestMessage(HttpMethod.Post, url.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(content) };
        request.Headers.TryAddWithoutValidation("Authorization", url.GetProperty("authorizationToken").GetString());
        request.Headers.TryAddWithoutValidation("X-Bz-Part-Number", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", B2Session.Sha1Hex(content));
        using var response = await session.Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void AssertServiceUnavailable(int status, string body, string what)
    {
        Assert.True(status == 503, $"{what} on a full disk answered {status} {body}; B2 answers 503 service_unavailable for temporary storage trouble");
        var error = JsonDocument.Parse(body).RootElement;
        Assert.Equal("service_unavailable", error.GetProperty("code").GetString());
        Assert.Equal(503, error.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    private long FreeBytes() => new DriveInfo(_mountPoint).AvailableFreeSpace;

    /// <summary>Runs a command; null when it succeeded, else what went wrong.</summary>
    private static async Task<string?> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? null : $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{file}: {e.Message}";
        }
    }
}
