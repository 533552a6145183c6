using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.LargeFiles;

/// <summary>
/// b2sdk 1.17 (v2 API): a multi-part upload with parallel threads, ranged downloads across part boundaries, and
/// server-side copies of a small and a large file. The server advertises 5 MB parts, so b2sdk splits the 12 MB file.
/// </summary>
/// <remarks>
/// b2sdk 1.17.3 cannot fall back from a refused whole-file copy ("Copy source too big: …") to parts: its
/// <c>interpret_b2_error</c> calls <c>CopySourceTooBig(size)</c> with too few arguments and raises a TypeError. Its
/// documented way to copy a large file is to pass <c>length</c>, which plans b2_copy_part calls; that is what runs here.
/// </remarks>
public sealed class B2sdkLargeFileTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Script = """
        import hashlib, io, sys, threading
        from b2sdk.v2 import InMemoryAccountInfo, B2Api

        url, key_id, key, bucket_name, path = sys.argv[1:6]
        data = open(path, 'rb').read()
        api = B2Api(InMemoryAccountInfo(), max_upload_workers=4, max_copy_workers=4)
        api.authorize_account(url, key_id, key)
        assert api.account_info.get_recommended_part_size() == 5000000, api.account_info.get_recommended_part_size()
        bucket = api.create_bucket(bucket_name, 'allPrivate')

        # Count the threads that send parts at the same time.
        from b2sdk.raw_api import B2RawHTTPApi
        active, peak, lock = [0], [0], threading.Lock()
        original = B2RawHTTPApi.upload_part
        def counting(self, *args, **kwargs):
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            try:
                return original(self, *args, **kwargs)
            finally:
                with lock:
                    active[0] -= 1
        B2RawHTTPApi.upload_part = counting

        big = bucket.upload_local_file(path, 'big.bin')
        print('uploaded', big.id_, big.size, 'peak parallel parts', peak[0])
        assert big.size == len(data)
        assert '_f2' in big.id_, 'not a large file: ' + big.id_
        assert peak[0] >= 2, 'parts were not uploaded in parallel'

        def download(file_id, range_=None):
            out = io.BytesIO()
            bucket.download_file_by_id(file_id, range_=range_).save(out)
            return out.getvalue()

        assert download(big.id_) == data
        for first, last in [(0, 99), (4999990, 5000009), (4000000, 10000100), (9999999, 10000000), (len(data) - 10, len(data) - 1)]:
            got = download(big.id_, (first, last))
            assert got == data[first:last + 1], (first, last, len(got))
        print('ranges ok')

        small = bucket.upload_bytes(b'small file contents', 'small.txt')
        small_copy = bucket.copy(small.id_, 'small-copy.txt')
        assert download(small_copy.id_) == b'small file contents'
        print('small copy', small_copy.id_)

        large_copy = bucket.copy(big.id_, 'big-copy.bin', length=big.size, max_part_size=6000000)
        print('large copy', large_copy.id_)
        assert '_f2' in large_copy.id_, 'expected a copy made of parts: ' + large_copy.id_
        assert download(large_copy.id_) == data
        ranged = bucket.copy(big.id_, 'big-range.bin', offset=4000000, length=2000000)
        assert download(ranged.id_) == data[4000000:6000000]
        print('OK')
        """;

    private readonly string _work = Path.Combine(Path.GetTempPath(), "cairn-b2sdk-lf-" + Guid.NewGuid().ToString("N"));
    private CairnServer? _server;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        _server = await CairnServer.StartAsync(settings: new Dictionary<string, string>
        {
            ["Cairn:RecommendedPartSize"] = "5000000",
            ["Cairn:AbsoluteMinimumPartSize"] = "5000000",
        });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task B2sdk_ParallelPartUpload_RangedDownloads_AndServerSideCopies()
    {
        await ClientProcess.RequirePythonModuleAsync(output, "b2sdk.v2", "python3-b2sdk");
        var script = Path.Combine(_work, "large.py");
        await File.WriteAllTextAsync(script, Script);
        var data = ClientProcess.WriteRandomFile(Path.Combine(_work, "big.bin"), 12_000_000, 7);
        var bucket = "b2sdk-lf-" + Guid.NewGuid().ToString("N")[..12];
        var stdout = await ClientProcess.RunOkAsync(output, ClientProcess.Python, [script, _server!.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey, bucket, data],
            timeout: TimeSpan.FromMinutes(3));
        Assert.Contains("OK", stdout, StringComparison.Ordinal);
    }
}
