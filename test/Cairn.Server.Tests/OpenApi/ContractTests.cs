using Cairn.Server.Tests.Support;
using Cairn.Server.Tests.Support.Contract;
using Cairn.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.Server.Tests.OpenApi;

/// <summary>
/// The contract check that runs under the whole integration suite (<see cref="ContractRecorder"/>): every server the
/// suite starts records its B2 exchanges and fails its disposal when one disagrees with /openapi.json. These tests show
/// that it is switched on and that it can fail.
/// </summary>
public class ContractTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private const string HideFile = "/b2api/{apiVersion}/b2_hide_file";

    [Fact]
    public async Task EveryServer_ChecksItsExchanges()
    {
        var recorder = fixture.Server.Services.GetRequiredService<ContractRecorder>();
        var before = recorder.Count;
        var session = await fixture.SessionAsync(3);
        var bucketId = await session.NewBucketAsync();
        await session.UploadAsync(bucketId, "a.txt", TestWire.Bytes("a"));
        using var refused = await session.PostAsync("b2_hide_file", new { bucketId, fileName = "missing.txt" });

        Assert.Equal(400, (int)refused.StatusCode);
        Assert.True(recorder.Count >= before + 4, $"checked {recorder.Count - before} exchanges");
        Assert.Empty(recorder.Violations);
        Assert.Contains(fixture.Server.Services.GetServices<IServerCheck>(), c => c is ContractRecorder);
    }

    [Fact]
    public void Check_RefusesAnUndocumentedErrorCode()
    {
        var problems = OpenApiContract.Instance.Check("POST", HideFile, 4, 400, null, "application/json",
            """{"status":400,"code":"duplicate_bucket_name","message":"x"}""");
        Assert.Single(problems);
        Assert.Contains("does not match its schema", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RefusesAnUndocumentedStatus()
    {
        Assert.Single(OpenApiContract.Instance.Check("POST", HideFile, 4, 418, null, "application/json", """{"status":418,"code":"teapot","message":"x"}"""));
        Assert.Single(OpenApiContract.Instance.Check("DELETE", HideFile, 4, 200, null, null, null));
    }

    [Fact]
    public void Check_RefusesAResponseMissingARequiredProperty_AndABadRequest()
    {
        var response = OpenApiContract.Instance.Check("POST", "/b2api/{apiVersion}/b2_get_upload_url", 4, 200, null, "application/json",
            """{"bucketId":"b","uploadUrl":"u"}""");
        var request = OpenApiContract.Instance.Check("POST", "/b2api/{apiVersion}/b2_get_upload_url", 4, 200, """{"bucketId":7}""", "application/json",
            """{"authorizationToken":"t","bucketId":"b","uploadUrl":"u"}""");
        Assert.Contains(response, p => p.Contains("authorizationToken", StringComparison.Ordinal));
        Assert.Contains(request, p => p.Contains("/bucketId", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_UsesTheVersionsOwnShape()
    {
        const string v2 = """{"absoluteMinimumPartSize":5,"accountId":"a","allowed":{"bucketId":null,"bucketName":null,"capabilities":[],"namePrefix":null},"apiUrl":"u","authorizationToken":"t","downloadUrl":"d","recommendedPartSize":5,"s3ApiUrl":"s"}""";
        Assert.Empty(OpenApiContract.Instance.Check("GET", "/b2api/{apiVersion}/b2_authorize_account", 2, 200, null, "application/json", v2));
        Assert.NotEmpty(OpenApiContract.Instance.Check("GET", "/b2api/{apiVersion}/b2_authorize_account", 4, 200, null, "application/json", v2));
    }
}
