using Cairn.Testing;
using static Cairn.Server.Tests.B2.Keys.KeyCalls;

namespace Cairn.Server.Tests.B2.Keys;

public class DeleteKeyTests(KeyServerFixture fixture) : IClassFixture<KeyServerFixture>
{
    [Fact]
    public async Task DeleteKey_ReturnsTheKey_AndRevokesItsTokensAtOnce()
    {
        using var master = await fixture.MasterAsync();
        var bucketId = await master.CreateBucketAsync(UniqueBucketName());
        var key = await CreateAsync(master, ["listFiles", "writeFiles"], [bucketId], "p/", version: 2);
        using var session = await B2Session.AuthorizeAsync(fixture.Server, 2, Id(key), Secret(key));
        await session.CallAsync("b2_list_file_names", new { bucketId, prefix = "p/" });
        var (uploadUrl, uploadToken) = await session.GetUploadUrlAsync(bucketId);

        var deleted = await master.CallAsync("b2_delete_key", new { applicationKeyId = Id(key) });
        Assert.Equal(Id(key), Id(deleted));
        Assert.Equal(bucketId, deleted.GetProperty("bucketId").GetString());
        Assert.Equal("p/", deleted.GetProperty("namePrefix").GetString());
        Assert.False(deleted.TryGetProperty("applicationKey", out _));

        // No waiting for the key cache: the very next call is refused.
        var refused = await FailsAsync(() => session.CallAsync("b2_list_file_names", new { bucketId, prefix = "p/" }));
        Assert.Equal((401, "bad_auth_token"), (refused.Status, refused.Code));
        using var upload = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = new ByteArrayContent([1]) };
        upload.Headers.TryAddWithoutValidation("Authorization", uploadToken);
        upload.Headers.TryAddWithoutValidation("X-Bz-File-Name", "p/x");
        upload.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", "do_not_verify");
        upload.Content.Headers.TryAddWithoutValidation("Content-Type", "b2/x-auto");
        using var uploaded = await session.Http.SendAsync(upload);
        Assert.Equal(401, (int)uploaded.StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => B2Session.AuthorizeAsync(fixture.Server, 2, Id(key), Secret(key)));
    }

    [Fact]
    public async Task DeleteKey_UnknownOrMaster_Returns400BadRequest()
    {
        using var master = await fixture.MasterAsync();
        foreach (var id in new[] { "000" + master.AccountId + "0000000000", CairnServer.MasterKeyId, "garbage" })
        {
            var refused = await FailsAsync(() => master.CallAsync("b2_delete_key", new { applicationKeyId = id }));
            Assert.Equal((400, "bad_request"), (refused.Status, refused.Code));
        }
        var missing = await FailsAsync(() => master.CallAsync("b2_delete_key", new { }));
        Assert.Equal(400, missing.Status);
    }

    [Fact]
    public async Task DeleteKey_MultiBucketKey_NeedsV4()
    {
        using var master = await fixture.MasterAsync(4);
        var a = await master.CreateBucketAsync(UniqueBucketName());
        var b = await master.CreateBucketAsync(UniqueBucketName());
        var key = await CreateAsync(master, ["readFiles"], [a, b]);
        var refused = await FailsAsync(() => master.CallAsync("b2_delete_key", new { applicationKeyId = Id(key) }, version: 2));
        Assert.Equal((400, "bad_request"), (refused.Status, refused.Code));
        var deleted = await master.CallAsync("b2_delete_key", new { applicationKeyId = Id(key) });
        Assert.Equal(2, deleted.GetProperty("bucketIds").GetArrayLength());
    }

    [Fact]
    public async Task DeleteKey_RestrictedCaller_CannotDeleteKeysOutsideItsScope()
    {
        using var master = await fixture.MasterAsync();
        var mine = await master.CreateBucketAsync(UniqueBucketName());
        var unrestricted = await CreateAsync(master, ["readFiles"]);
        var inside = await CreateAsync(master, ["readFiles"], [mine]);
        using var restricted = await SessionForNewKeyAsync(fixture.Server, master, ["deleteKeys"], [mine]);

        var refused = await FailsAsync(() => restricted.CallAsync("b2_delete_key", new { applicationKeyId = Id(unrestricted) }));
        Assert.Equal((401, "unauthorized"), (refused.Status, refused.Code));
        await restricted.CallAsync("b2_delete_key", new { applicationKeyId = Id(inside) });
    }
}
