using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Auth;

/// <summary>
/// One in-memory server for the whole matrix: private bucket A holding <c>p/existing.txt</c>, bucket B as "another
/// bucket", and a cache of keys (one per capability set and scope), each authorized once.
/// </summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<MatrixKey>>> _keys = new(StringComparer.Ordinal);

    public CairnServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public B2Session Master { get; private set; } = null!;

    public string BucketA { get; private set; } = null!;

    public string BucketAName { get; private set; } = null!;

    public string BucketB { get; private set; } = null!;

    public string ExistingFileId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await CairnServer.StartAsync(inMemory: true, settings: new Dictionary<string, string> { ["Cairn:MaxBucketsPerAccount"] = "100000", ["Cairn:AbsoluteMinimumPartSize"] = "1" });
        Http = Server.CreateClient();
        Master = await B2Session.AuthorizeAsync(Server, 4);
        BucketAName = MatrixCall.UniqueBucketName();
        // Bucket A has Object Lock on (and no default retention) so the retention and legal-hold rows can succeed.
        BucketA = (await Master.CallAsync("b2_create_bucket", new { accountId = Master.AccountId, bucketName = BucketAName, bucketType = "allPrivate", fileLockEnabled = true }))
            .GetProperty("bucketId").GetString()!;
        BucketB = await Master.CreateBucketAsync(MatrixCall.UniqueBucketName());
        ExistingFileId = (await Master.UploadAsync(BucketA, MatrixCall.ExistingFileName, Encoding.UTF8.GetBytes("matrix"))).GetProperty("fileId").GetString()!;
    }

    public async Task DisposeAsync()
    {
        Master.Dispose();
        Http.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A key with exactly <paramref name="capabilities"/> and the scope, "this bucket" being <paramref name="thisBucket"/>.</summary>
    public Task<MatrixKey> KeyAsync(IReadOnlyList<string> capabilities, BucketScope bucket, PrefixScope prefix, string thisBucket) =>
        _keys.GetOrAdd($"{string.Join(',', capabilities)}|{bucket}|{prefix}|{thisBucket}",
            _ => new Lazy<Task<MatrixKey>>(() => CreateKeyAsync(capabilities, bucket, prefix, thisBucket))).Value;

    private async Task<MatrixKey> CreateKeyAsync(IReadOnlyList<string> capabilities, BucketScope bucket, PrefixScope prefix, string thisBucket)
    {
        var key = await Master.CallAsync("b2_create_key", new
        {
            accountId = Master.AccountId,
            capabilities,
            keyName = "matrix",
            bucketIds = bucket switch
            {
                BucketScope.None => null,
                BucketScope.ThisBucket => new[] { thisBucket },
                _ => new[] { BucketB },
            },
            namePrefix = prefix switch
            {
                PrefixScope.None => null,
                PrefixScope.MatchingPrefix => MatrixCall.Prefix,
                _ => "q/",
            },
        });
        var id = key.GetProperty("applicationKeyId").GetString()!;
        var secret = key.GetProperty("applicationKey").GetString()!;
        using var session = await B2Session.AuthorizeAsync(Server, 4, id, secret);
        return new MatrixKey(id, secret, session.Token);
    }
}

public sealed record MatrixKey(string KeyId, string Secret, string Token)
{
    public AuthenticationHeaderValue Basic() => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{KeyId}:{Secret}")));
}
