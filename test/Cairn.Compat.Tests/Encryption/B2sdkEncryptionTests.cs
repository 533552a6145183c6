using System.Text;
using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Encryption;

/// <summary>
/// b2sdk 1.17.3 (v2 API) with server-side encryption (the <c>sse</c> scenario of b2sdk_scenarios.py, which asserts as
/// it goes): bucket default SSE-B2 set and read back, SSE-B2 and SSE-C uploads and downloads (whole and ranged, by id
/// and by name), SSECKeyError for a missing or wrong key, an SSE-C large file split into parts, and copies between
/// modes. The server advertises 5 MB parts so the 11 MB upload becomes three. On disk, the test then checks that no
/// blob file holds the plaintext of the encrypted uploads.
/// </summary>
public sealed class B2sdkEncryptionTests(ITestOutputHelper output) : CompatTest(output)
{
    protected override Task<CairnServer> StartServerAsync() => CairnServer.StartAsync(settings: FiveMegabyteParts);

    [Fact]
    public async Task B2sdk_SseB2AndSseC_UploadDownloadRangesCopies_AndBucketDefault()
    {
        var work = NewDirectory("b2sdk");
        // Recognisable plaintext, so the blob files can be searched for it afterwards.
        var marker = Encoding.ASCII.GetBytes("B2SDK-SSE-PLAINTEXT-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(Path.Combine(work, "small.bin"), Enumerable.Repeat(marker, 400).SelectMany(m => m).ToArray());
        await File.WriteAllBytesAsync(Path.Combine(work, "large.bin"), Enumerable.Repeat(marker, 11_000_000 / marker.Length).SelectMany(m => m).ToArray());

        var result = await B2SdkScript.RunAsync("sse", Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey, BucketName, work,
            TimeSpan.FromMinutes(3), Output);

        Assert.Equal("OK", result.GetProperty("result").GetString());
        // Only "plain.bin" is stored as plaintext; every other upload and copy is encrypted.
        var blobs = Directory.EnumerateFiles(Path.Combine(Server.DataPath!, "blobs"), "*", SearchOption.AllDirectories).ToList();
        var withPlaintext = blobs.Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(marker) >= 0).ToList();
        Assert.Single(withPlaintext);
    }
}
