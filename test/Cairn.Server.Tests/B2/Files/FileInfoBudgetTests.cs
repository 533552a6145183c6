using Cairn.Server.Tests.B2.LargeFiles;
using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Files;

/// <summary>
/// B2's limit on file info is a byte budget, not a count: the file name plus every info name and value fit in 7,000
/// bytes, or 2,048 bytes for a file in an Object Lock-enabled bucket (b2_upload_file, b2_start_large_file). The same
/// budget holds wherever file info enters: upload headers, b2_start_large_file and b2_copy_file with REPLACE.
/// </summary>
public sealed class FileInfoBudgetTests(MemoryServerFixture memory) : IClassFixture<MemoryServerFixture>
{
    [Fact]
    public async Task StartLargeFile_NameAndInfoOver7000Bytes_Returns400AndStartsNothing()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        // "big.bin" (7) + "a" (1) + value: 6992 bytes fit exactly, 6993 do not.
        await session.CallAsync("b2_start_large_file", new { bucketId, fileName = "big.bin", contentType = "b2/x-auto", fileInfo = new { a = new string('v', 6992) } });
        await TestWire.ErrorAsync(await session.PostAsync("b2_start_large_file",
            new { bucketId, fileName = "big.bin", contentType = "b2/x-auto", fileInfo = new { a = new string('v', 6993) } }), 400, "bad_request");

        var unfinished = await session.CallAsync("b2_list_unfinished_large_files", new { bucketId });
        Assert.Single(unfinished.GetProperty("files").EnumerateArray());
    }

    [Fact]
    public async Task CopyFile_ReplacedInfoOver7000Bytes_Returns400AndCopiesNothing()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var source = await session.UploadAsync(bucketId, "src.bin", TestWire.Bytes("source"));
        var sourceFileId = source.GetProperty("fileId").GetString();

        await session.CallAsync("b2_copy_file", new
        {
            sourceFileId,
            fileName = "dst.bin",
            metadataDirective = "REPLACE",
            contentType = "b2/x-auto",
            fileInfo = new { a = new string('v', 6992) },
        });
        await TestWire.ErrorAsync(await session.PostAsync("b2_copy_file", new
        {
            sourceFileId,
            fileName = "dst.bin",
            metadataDirective = "REPLACE",
            contentType = "b2/x-auto",
            fileInfo = new { a = new string('v', 6993) },
        }), 400, "bad_request");

        var versions = await session.CallAsync("b2_list_file_versions", new { bucketId, prefix = "dst.bin" });
        Assert.Single(versions.GetProperty("files").EnumerateArray());
    }

    [Fact]
    public async Task LockEnabledBucket_FileInfoBudgetIs2048Bytes_ForUploadsAndLargeFiles()
    {
        var session = await memory.SessionAsync();
        var bucket = await session.CallAsync("b2_create_bucket", new
        {
            accountId = session.AccountId,
            bucketName = ServerFixture.NewBucketName("budget"),
            bucketType = "allPrivate",
            fileLockEnabled = true,
        });
        var bucketId = bucket.GetProperty("bucketId").GetString()!;
        // "n.txt" (5) + "a" (1) + value: 2042 bytes fit exactly, 2043 do not.
        await TestWire.JsonAsync(await session.UploadEncodedAsync(bucketId, "n.txt", TestWire.Bytes("x"), headers: [new("X-Bz-Info-a", new string('v', 2042))]));
        await TestWire.ErrorAsync(await session.UploadEncodedAsync(bucketId, "n.txt", TestWire.Bytes("x"), headers: [new("X-Bz-Info-a", new string('v', 2043))]), 400, "bad_request");
        await session.CallAsync("b2_start_large_file", new { bucketId, fileName = "n.txt", contentType = "b2/x-auto", fileInfo = new { a = new string('v', 2042) } });
        await TestWire.ErrorAsync(await session.PostAsync("b2_start_large_file",
            new { bucketId, fileName = "n.txt", contentType = "b2/x-auto", fileInfo = new { a = new string('v', 2043) } }), 400, "bad_request");

        var versions = await session.CallAsync("b2_list_file_versions", new { bucketId });
        Assert.Equal(2, versions.GetProperty("files").GetArrayLength());
    }
}
