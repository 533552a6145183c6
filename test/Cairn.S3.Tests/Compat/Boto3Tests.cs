using System.Diagnostics;
using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Compat;

/// <summary>boto3, the Python AWS SDK, as users run it: path style, its default checksums, a put/get/list round trip.</summary>
public sealed class Boto3Tests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    private const string Script = """
        import os, sys, boto3
        from botocore.config import Config
        s3 = boto3.client("s3", endpoint_url=os.environ["CAIRN_URL"], region_name="us-east-1",
                          aws_access_key_id=os.environ["KEY_ID"], aws_secret_access_key=os.environ["KEY"],
                          config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
        bucket = os.environ["BUCKET"]
        s3.create_bucket(Bucket=bucket)
        body = os.urandom(300000)
        s3.put_object(Bucket=bucket, Key="py/one%+ key", Body=body, Metadata={"lang": "python"})
        got = s3.get_object(Bucket=bucket, Key="py/one%+ key")
        assert got["Body"].read() == body, "content differs"
        assert got["Metadata"]["lang"] == "python", got["Metadata"]
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
        assert keys == ["py/one%+ key"], keys
        keys = [o["Key"] for o in s3.list_objects(Bucket=bucket)["Contents"]]
        assert keys == ["py/one%+ key"], keys
        s3.delete_object(Bucket=bucket, Key="py/one%+ key")
        assert "Contents" not in s3.list_objects_v2(Bucket=bucket)
        print("OK")
        """;

    [Fact]
    public async Task Boto3_CreatePutGetListDelete_RoundTrips()
    {
        var python = FindPythonWithBoto3();
        var start = new ProcessStartInfo(python, ["-c", Script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CAIRN_URL"] = fixture.Server.BaseUrl;
        start.Environment["KEY_ID"] = fixture.KeyId;
        start.Environment["KEY"] = fixture.Secret;
        start.Environment["BUCKET"] = S3Fixture.NewBucketName();
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"boto3 failed ({process.ExitCode}): {await output}\n{await error}");
        Assert.Equal("OK", (await output).Trim());
    }

    /// <summary>Debian's python3-boto3 (/usr/bin/python3), else the python3 on PATH; the test fails when neither has boto3.</summary>
    private static string FindPythonWithBoto3()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                using var probe = Process.Start(new ProcessStartInfo(candidate, ["-c", "import boto3"]) { RedirectStandardError = true })!;
                probe.WaitForExit(60_000);
                if (probe.HasExited && probe.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }
        throw new InvalidOperationException("no python3 with boto3: install python3-boto3 (apt) or boto3 (pip)");
    }
}
