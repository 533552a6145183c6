using Cairn.Testing;

namespace Cairn.Compat.Tests.S3;

/// <summary>An application key made with b2_create_key, as a user makes one for an S3 client (the master key is refused).</summary>
public static class S3Keys
{
    public static readonly string[] Capabilities =
    [
        "listBuckets", "readBuckets", "writeBuckets", "deleteBuckets", "listAllBucketNames", "listFiles", "readFiles",
        "shareFiles", "writeFiles", "deleteFiles",
    ];

    public static async Task<(string KeyId, string Secret)> CreateAsync(CairnServer server)
    {
        using var b2 = await B2Session.AuthorizeAsync(server, 2);
        var key = await b2.CallAsync("b2_create_key", new { accountId = b2.AccountId, keyName = "s3-compat", capabilities = Capabilities });
        return (key.GetProperty("applicationKeyId").GetString()!, key.GetProperty("applicationKey").GetString()!);
    }
}
