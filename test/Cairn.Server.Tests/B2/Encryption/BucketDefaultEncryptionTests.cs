using System.Text.Json;
using Cairn.Server.Tests.B2.LargeFiles;
using Cairn.Testing;
using static Cairn.Server.Tests.B2.Encryption.EncryptionWire;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;

namespace Cairn.Server.Tests.B2.Encryption;

public abstract class BucketDefaultEncryptionTests(LargeFileFixture fixture)
{
    [Fact]
    public async Task CreateBucket_DefaultSseB2_AppliesToUploadsAndLargeFilesThatDoNotAsk()
    {
        var session = await fixture.SessionAsync();
        var bucket = await session.CallAsync("b2_create_bucket", new
        {
            accountId = session.AccountId,
            bucketName = NewBucketName(),
            bucketType = "allPrivate",
            defaultServerSideEncryption = SseB2,
        });
        var value = bucket.GetProperty("defaultServerSideEncryption");
        Assert.True(value.GetProperty("isClientAuthorizedToRead").GetBoolean());
        Assert.Equal("SSE-B2", value.GetProperty("value").GetProperty("mode").GetString());
        Assert.Equal("AES256", value.GetProperty("value").GetProperty("algorithm").GetString());
        var bucketId = bucket.GetProperty("bucketId").GetString()!;

        Assert.Equal("SSE-B2", Mode(await session.UploadAsync(bucketId, "a", LargeFileWire.Bytes(10, 1))));
        Assert.Equal("SSE-B2", Mode(await session.StartAsync(bucketId, "big")));
        // An explicit request wins over the default.
        var key = NewKey();
        Assert.Equal("SSE-C", Mode(await session.UploadAsync(bucketId, "c", LargeFileWire.Bytes(10, 1), headers: SseCHeaders(key))));
        Assert.Equal("null", Mode(await session.CallAsync("b2_start_large_file", new { bucketId, fileName = "p", contentType = "b2/x-auto", serverSideEncryption = new { mode = "none" } })));
    }

    [Fact]
    public async Task UpdateBucket_DefaultNone_NewUploadsArePlaintext_OldOnesStayEncrypted()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        await session.CallAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, defaultServerSideEncryption = SseB2 });
        var before = await session.UploadAsync(bucketId, "before", LargeFileWire.Bytes(10, 1));

        var updated = await session.CallAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, defaultServerSideEncryption = new { mode = "none" } });

        Assert.Equal(JsonValueKind.Null, updated.GetProperty("defaultServerSideEncryption").GetProperty("value").GetProperty("mode").ValueKind);
        Assert.Equal("null", Mode(await session.UploadAsync(bucketId, "after", LargeFileWire.Bytes(10, 2))));
        Assert.Equal("SSE-B2", Mode(await session.CallAsync("b2_get_file_info", new { fileId = before.GetProperty("fileId").GetString() })));
    }

    [Fact]
    public async Task CreateBucket_DefaultSseC_Returns400()
    {
        var session = await fixture.SessionAsync();

        var response = await session.PostAsync("b2_create_bucket", new
        {
            accountId = session.AccountId,
            bucketName = NewBucketName(),
            bucketType = "allPrivate",
            defaultServerSideEncryption = SseC(NewKey()),
        });

        await LargeFileWire.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task BucketDefault_WithoutReadBucketEncryption_IsHidden_WithoutWriteBucketEncryption_CannotBeSet()
    {
        var master = await fixture.SessionAsync();
        var bucketId = await master.NewBucketAsync();
        await master.CallAsync("b2_update_bucket", new { accountId = master.AccountId, bucketId, defaultServerSideEncryption = SseB2 });
        var key = await master.CallAsync("b2_create_key", new
        {
            accountId = master.AccountId,
            keyName = "no-encryption",
            capabilities = new[] { "listBuckets", "writeBuckets", "writeFiles", "readFiles" },
        });
        using var limited = await B2Session.AuthorizeAsync(fixture.Server, 2, key.GetProperty("applicationKeyId").GetString(), key.GetProperty("applicationKey").GetString());

        var listed = (await limited.CallAsync("b2_list_buckets", new { accountId = limited.AccountId, bucketId })).GetProperty("buckets")[0];
        var hidden = listed.GetProperty("defaultServerSideEncryption");
        Assert.False(hidden.GetProperty("isClientAuthorizedToRead").GetBoolean());
        Assert.False(hidden.TryGetProperty("value", out _));
        await LargeFileWire.ErrorAsync(await limited.PostAsync("b2_update_bucket", new { accountId = limited.AccountId, bucketId, defaultServerSideEncryption = new { mode = "none" } }), 401, "unauthorized");
        // Uploads by that key still follow the default it cannot see.
        Assert.Equal("SSE-B2", Mode(await limited.UploadAsync(bucketId, "x", LargeFileWire.Bytes(5, 5))));

        var readKey = await master.CallAsync("b2_create_key", new
        {
            accountId = master.AccountId,
            keyName = "read-encryption",
            capabilities = new[] { "listBuckets", "readBucketEncryption" },
        });
        using var reader = await B2Session.AuthorizeAsync(fixture.Server, 2, readKey.GetProperty("applicationKeyId").GetString(), readKey.GetProperty("applicationKey").GetString());
        var visible = (await reader.CallAsync("b2_list_buckets", new { accountId = reader.AccountId, bucketId })).GetProperty("buckets")[0].GetProperty("defaultServerSideEncryption");
        Assert.True(visible.GetProperty("isClientAuthorizedToRead").GetBoolean());
        Assert.Equal("SSE-B2", visible.GetProperty("value").GetProperty("mode").GetString());
    }
}

public sealed class BucketDefaultEncryptionMemoryTests(MemoryLargeFileFixture fixture) : BucketDefaultEncryptionTests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class BucketDefaultEncryptionDiskTests(DiskLargeFileFixture fixture) : BucketDefaultEncryptionTests(fixture), IClassFixture<DiskLargeFileFixture>;
