using Cairn.Compat.Tests.Clients;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.LargeFiles;

/// <summary>
/// b2sdk 1.17 (v2 API): a multi-part upload with parallel threads, ranged downloads across part boundaries, and
/// server-side copies of a small and a large file (the <c>large_file</c> scenario of b2sdk_scenarios.py, which asserts
/// as it goes). The server advertises 5 MB parts, so b2sdk splits the 12 MB file.
/// </summary>
/// <remarks>
/// b2sdk 1.17.3 cannot fall back from a refused whole-file copy ("Copy source too big: …") to parts: its
/// <c>interpret_b2_error</c> calls <c>CopySourceTooBig(size)</c> with too few arguments and raises a TypeError. Its
/// documented way to copy a large file is to pass <c>length</c>, which plans b2_copy_part calls; that is what runs here.
/// </remarks>
public sealed class B2sdkLargeFileTests(ITestOutputHelper output) : CompatTest(output)
{
    protected override Task<CairnServer> StartServerAsync() => CairnServer.StartAsync(settings: FiveMegabyteParts);

    [Fact]
    public async Task B2sdk_ParallelPartUpload_RangedDownloads_AndServerSideCopies()
    {
        var work = NewDirectory("b2sdk");
        RandomFile.Write(Path.Combine(work, "big.bin"), 12_000_000, 7);
        var result = await B2SdkScript.RunAsync("large_file", Server.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey, BucketName, work,
            TimeSpan.FromMinutes(3), Output);
        Assert.Equal("OK", result.GetProperty("result").GetString());
    }
}
