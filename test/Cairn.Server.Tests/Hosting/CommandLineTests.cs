using Cairn.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Tests.Hosting;

/// <summary>A mistyped option stops the start with a message naming it; every documented form still starts.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "--postgress", "x" }, "Unknown option --postgress.")]
    [InlineData(new[] { "--postgress=x" }, "Unknown option --postgress.")]
    [InlineData(new[] { "--dat", "/tmp/x" }, "Unknown option --dat. Did you mean --data?")]
    [InlineData(new[] { "--public-ulr", "http://x" }, "Unknown option --public-ulr. Did you mean --public-url?")]
    [InlineData(new[] { "--Cairn:MaxBucketPerAccount=5" }, "Unknown option --Cairn:MaxBucketPerAccount. Did you mean --Cairn:MaxBucketsPerAccount?")]
    [InlineData(new[] { "--Cairns:MaxBucketsPerAccount=5" }, "Unknown option --Cairns:MaxBucketsPerAccount.")]
    [InlineData(new[] { "-d", "/tmp/x" }, "Unknown option -d.")]
    [InlineData(new[] { "/tmp/x" }, "Unknown option --tmp/x.")]
    [InlineData(new[] { "data" }, "Unexpected argument 'data'")]
    public void Build_UnknownOption_IsRefusedNamingIt(string[] unknown, string message)
    {
        var error = Assert.Throws<StartupRefusedException>(() => CairnHost.Build(["--in-memory", "--urls", "http://127.0.0.1:0", .. unknown]));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Cairn:RateLimit:Burst=-1", "Cairn:RateLimit values must not be negative")]
    [InlineData("--Cairn:Caps:StorageBytes=-5", "Cairn:Caps values must not be negative.")]
    [InlineData("--Cairn:Faults:TestModeProbability=2", "Cairn:Faults:TestModeProbability must be between 0 and 1.")]
    [InlineData("--Cairn:Notifications:MaxAttempts=0", "Cairn:Notifications:MaxAttempts and MaxEventsPerPass must be at least 1.")]
    [InlineData("--Cairn:S3:Region= ", "Cairn:S3:Region must not be empty.")]
    [InlineData("--Cairn:S3:MaxClockSkew=-00:01:00", "Cairn:S3:MaxClockSkew must be positive.")]
    [InlineData("--recommended-part-size=10", "Cairn:RecommendedPartSize (CAIRN_RECOMMENDED_PART_SIZE) must be at least the absolute minimum part size.")]
    [InlineData("--public-url=not a url", "Cairn:PublicUrl (--public-url, CAIRN_PUBLIC_URL) must be an absolute URL")]
    public async Task Initialize_InvalidValue_IsRefusedNamingIt(string argument, string message)
    {
        await using var app = CairnHost.Build(["--in-memory", "--urls", "http://127.0.0.1:0", argument]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => CairnHost.InitializeAsync(app));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_EveryDocumentedForm_Starts()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "cairn-args-" + Guid.NewGuid().ToString("N"));
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", "--data", dataPath, "--in-memory",
            "--public-url=http://example.test", "--recommended-part-size", "6000000", "--absolute-minimum-part-size=5000000",
            "--Cairn:MaxBucketsPerAccount=5", "--cairn:strictfilenames", "true", "--Cairn:Storage:Sqlite:MaxReaders=2",
            "--Cairn:RateLimit:Burst=100", "--Logging:LogLevel:Default=Warning", "/environment", "Production", "AllowedHosts=*",
        ];

        await using var app = CairnHost.Build(args);

        Assert.NotNull(app.Services);
        Assert.False(Directory.Exists(dataPath));
    }

    [Theory]
    [InlineData("--postgres", "Host=127.0.0.1;Port=1;Database=cairn")]
    [InlineData("--postgres=Host=127.0.0.1;Port=1;Database=cairn", null)]
    [InlineData("--Cairn:Postgres", "Host=127.0.0.1;Port=1;Database=cairn")]
    [InlineData("--Cairn:Storage:Postgres:MaxAttempts=3", null)]
    public async Task Build_PostgresOptions_AreAccepted(string option, string? value)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "cairn-args-" + Guid.NewGuid().ToString("N"));
        string[] args = value is null
            ? ["--urls", "http://127.0.0.1:0", "--data", dataPath, option]
            : ["--urls", "http://127.0.0.1:0", "--data", dataPath, option, value];

        await using var app = CairnHost.Build(args);

        Assert.NotNull(app.Services);
    }
}
