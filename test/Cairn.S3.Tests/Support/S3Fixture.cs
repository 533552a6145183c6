using Amazon.Runtime;
using Amazon.S3;
using Cairn.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.S3.Tests.Support;

/// <summary>
/// One real Cairn host for a test class, its clock a <see cref="FakeTimeProvider"/> set to now (tests that move time
/// forward create their own server), an application key with every capability for S3, and AWSSDK.S3 clients in
/// path style with their default checksums.
/// </summary>
public sealed class S3Fixture : IAsyncLifetime
{
    public static readonly string[] AllCapabilities =
    [
        "listKeys", "writeKeys", "deleteKeys", "listAllBucketNames", "listBuckets", "readBuckets", "writeBuckets", "deleteBuckets",
        "readBucketEncryption", "writeBucketEncryption", "readBucketRetentions", "writeBucketRetentions", "readFileRetentions",
        "writeFileRetentions", "readFileLegalHolds", "writeFileLegalHolds", "bypassGovernance", "listFiles", "readFiles",
        "shareFiles", "writeFiles", "deleteFiles",
    ];

    private CairnServer? _server;
    private B2Session? _b2;

    public CairnServer Server => _server ?? throw new InvalidOperationException("not started");

    public B2Session B2 => _b2 ?? throw new InvalidOperationException("not started");

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public string KeyId { get; private set; } = "";

    public string Secret { get; private set; } = "";

    public AmazonS3Client S3 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var inMemory = Environment.GetEnvironmentVariable("CAIRN_TEST_STORE") != "disk";
        _server = await CairnServer.StartAsync(inMemory: inMemory, time: Time);
        _b2 = await B2Session.AuthorizeAsync(_server, 2);
        (KeyId, Secret) = await CreateKeyAsync(AllCapabilities);
        S3 = Client(KeyId, Secret);
    }

    /// <summary>An application key made with b2_create_key, as a user would make one for S3.</summary>
    public async Task<(string KeyId, string Secret)> CreateKeyAsync(string[] capabilities, string? bucketId = null, string? namePrefix = null)
    {
        var key = await B2.CallAsync("b2_create_key", (bucketId, namePrefix) switch
        {
            (null, _) => (object)new { accountId = B2.AccountId, capabilities, keyName = "s3-test" },
            (_, null) => new { accountId = B2.AccountId, capabilities, keyName = "s3-test", bucketId },
            _ => new { accountId = B2.AccountId, capabilities, keyName = "s3-test", bucketId, namePrefix },
        });
        return (key.GetProperty("applicationKeyId").GetString()!, key.GetProperty("applicationKey").GetString()!);
    }

    public AmazonS3Client Client(string keyId, string secret, string region = "us-east-1") =>
        new(new BasicAWSCredentials(keyId, secret), new AmazonS3Config
        {
            ServiceURL = Server.BaseUrl,
            ForcePathStyle = true,
            AuthenticationRegion = region,
            MaxErrorRetry = 0,
        });

    public static string NewBucketName() => "s3-" + Guid.NewGuid().ToString("N")[..20];

    public async Task DisposeAsync()
    {
        S3?.Dispose();
        _b2?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
