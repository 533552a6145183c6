using System.Text;
using Cairn.Compat.Tests.LargeFiles;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Compat.Tests.Encryption;

/// <summary>
/// b2sdk 1.17.3 (v2 API) with server-side encryption: bucket default SSE-B2 set and read back, SSE-B2 and SSE-C uploads
/// and downloads (whole and ranged, by id and by name), SSECKeyError for a missing or wrong key, an SSE-C large file
/// split into parts, and copies between modes. The server advertises 5 MB parts so the 11 MB upload becomes three.
/// On disk, the test then checks that no blob file holds the plaintext of the encrypted uploads.
/// </summary>
public sealed class B2sdkEncryptionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Script = """
        import io, os, sys
        from b2sdk.v2 import B2Api, InMemoryAccountInfo, EncryptionSetting, EncryptionKey, EncryptionMode, EncryptionAlgorithm
        from b2sdk.v2 import SSE_B2_AES, SSE_NONE
        from b2sdk.exception import SSECKeyError

        url, key_id, key, bucket_name, work = sys.argv[1:6]
        api = B2Api(InMemoryAccountInfo(), max_upload_workers=3)
        api.authorize_account(url, key_id, key)

        bucket = api.create_bucket(bucket_name, 'allPrivate', default_server_side_encryption=SSE_B2_AES)
        assert bucket.default_server_side_encryption.mode == EncryptionMode.SSE_B2, bucket.default_server_side_encryption
        assert api.get_bucket_by_name(bucket_name).default_server_side_encryption == SSE_B2_AES
        print('bucket default SSE-B2')

        def download(file_id, encryption=None, range_=None, name=None):
            out = io.BytesIO()
            if name is None:
                bucket.download_file_by_id(file_id, range_=range_, encryption=encryption).save(out)
            else:
                bucket.download_file_by_name(name, range_=range_, encryption=encryption).save(out)
            return out.getvalue()

        small = open(os.path.join(work, 'small.bin'), 'rb').read()
        by_default = bucket.upload_bytes(small, 'default.bin')
        assert by_default.server_side_encryption.mode == EncryptionMode.SSE_B2, by_default.server_side_encryption
        assert download(by_default.id_) == small
        assert download(by_default.id_, range_=(1000, 2999)) == small[1000:3000]
        print('SSE-B2 by default ok')

        bucket = bucket.update(default_server_side_encryption=SSE_NONE)
        assert bucket.default_server_side_encryption.mode == EncryptionMode.NONE, bucket.default_server_side_encryption
        plain = bucket.upload_bytes(small, 'plain.bin')
        assert plain.server_side_encryption.mode == EncryptionMode.NONE, plain.server_side_encryption
        explicit = bucket.upload_bytes(small, 'explicit-b2.bin', encryption=SSE_B2_AES)
        assert explicit.server_side_encryption.mode == EncryptionMode.SSE_B2
        assert download(explicit.id_, encryption=SSE_B2_AES, range_=(5, 15)) == small[5:16]
        print('SSE-B2 explicit ok')

        sse_c = EncryptionSetting(EncryptionMode.SSE_C, EncryptionAlgorithm.AES256, EncryptionKey(secret=os.urandom(32), key_id='cairn-test-key'))
        wrong = EncryptionSetting(EncryptionMode.SSE_C, EncryptionAlgorithm.AES256, EncryptionKey(secret=os.urandom(32), key_id='wrong'))
        c = bucket.upload_bytes(small, 'c.bin', encryption=sse_c)
        assert c.server_side_encryption.mode == EncryptionMode.SSE_C, c.server_side_encryption
        info = api.get_file_info(c.id_)
        assert info.server_side_encryption.mode == EncryptionMode.SSE_C
        assert info.server_side_encryption.key.key_id == 'cairn-test-key', info.server_side_encryption
        assert download(c.id_, encryption=sse_c) == small
        assert download(None, encryption=sse_c, range_=(100, 1099), name='c.bin') == small[100:1100]
        for bad in [None, wrong]:
            try:
                download(c.id_, encryption=bad)
                raise AssertionError('downloaded an SSE-C file with key %r' % (bad,))
            except SSECKeyError:
                pass
        print('SSE-C small ok')

        large = open(os.path.join(work, 'large.bin'), 'rb').read()
        big = bucket.upload_bytes(large, 'big-c.bin', encryption=sse_c)
        assert '_f2' in big.id_, 'not a large file: ' + big.id_
        assert big.server_side_encryption.mode == EncryptionMode.SSE_C
        assert download(big.id_, encryption=sse_c) == large
        assert download(big.id_, encryption=sse_c, range_=(4999990, 10000009)) == large[4999990:10000010]
        print('SSE-C large ok')

        copy = bucket.copy(c.id_, 'c-to-b2.bin', source_encryption=sse_c, destination_encryption=SSE_B2_AES,
                           source_file_info=info.file_info, source_content_type=info.content_type)
        assert copy.server_side_encryption.mode == EncryptionMode.SSE_B2, copy.server_side_encryption
        assert download(copy.id_) == small
        # b2sdk itself insists on the source's info and type when the sse_c_key_id changes (it then uses REPLACE).
        copy2 = bucket.copy(plain.id_, 'plain-to-c.bin', destination_encryption=sse_c,
                            source_file_info=plain.file_info, source_content_type=plain.content_type)
        assert copy2.server_side_encryption.mode == EncryptionMode.SSE_C
        assert api.get_file_info(copy2.id_).file_info.get('sse_c_key_id') == 'cairn-test-key'
        assert download(copy2.id_, encryption=sse_c) == small
        print('copies ok')
        print('OK')
        """;

    private readonly string _work = Path.Combine(Path.GetTempPath(), "cairn-b2sdk-sse-" + Guid.NewGuid().ToString("N"));
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
    public async Task B2sdk_SseB2AndSseC_UploadDownloadRangesCopies_AndBucketDefault()
    {
        await ClientProcess.RequirePythonModuleAsync(output, "b2sdk.v2", "python3-b2sdk");
        var script = Path.Combine(_work, "sse.py");
        await File.WriteAllTextAsync(script, Script);
        // Recognisable plaintext, so the blob files can be searched for it afterwards.
        var marker = Encoding.ASCII.GetBytes("B2SDK-SSE-PLAINTEXT-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(Path.Combine(_work, "small.bin"), Enumerable.Repeat(marker, 400).SelectMany(m => m).ToArray());
        await File.WriteAllBytesAsync(Path.Combine(_work, "large.bin"), Enumerable.Repeat(marker, 11_000_000 / marker.Length).SelectMany(m => m).ToArray());
        var bucket = "b2sdk-sse-" + Guid.NewGuid().ToString("N")[..12];

        var stdout = await ClientProcess.RunOkAsync(output, ClientProcess.Python, [script, _server!.BaseUrl, CairnServer.MasterKeyId, CairnServer.MasterKey, bucket, _work],
            timeout: TimeSpan.FromMinutes(3));

        Assert.Contains("OK", stdout, StringComparison.Ordinal);
        // Only "plain.bin" is stored as plaintext; every other upload and copy is encrypted.
        var blobs = Directory.EnumerateFiles(Path.Combine(_server.DataPath!, "blobs"), "*", SearchOption.AllDirectories).ToList();
        var withPlaintext = blobs.Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(marker) >= 0).ToList();
        Assert.Single(withPlaintext);
    }
}
