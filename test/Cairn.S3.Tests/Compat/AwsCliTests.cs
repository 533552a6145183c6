using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Compat;

/// <summary>
/// awscli (Debian's <c>awscli</c>) as a user runs it against Cairn: <c>aws s3</c> (mb, cp with multipart, ls, sync,
/// presign, rm, rb) and <c>aws s3api</c>.
/// </summary>
public sealed class AwsCliTests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    [Fact]
    public async Task AwsCli_S3Commands_RoundTrip_WithMultipartAndSync()
    {
        var work = ClientProcess.NewWorkDir();
        try
        {
            var aws = ClientProcess.Find("/usr/bin/aws");
            var env = new Dictionary<string, string>
            {
                ["AWS"] = $"{aws} --endpoint-url {fixture.Server.BaseUrl}",
                ["AWS_ACCESS_KEY_ID"] = fixture.KeyId,
                ["AWS_SECRET_ACCESS_KEY"] = fixture.Secret,
                ["AWS_DEFAULT_REGION"] = "us-east-1",
                ["AWS_MAX_ATTEMPTS"] = "1",
                ["B"] = S3Fixture.NewBucketName(),
            };
            var output = await ClientProcess.RunAsync("""
                $AWS s3 mb s3://$B
                head -c 20000000 /dev/urandom > big.bin
                mkdir -p tree/sub && echo one > tree/a.txt && echo two > tree/sub/b.txt
                $AWS s3 cp big.bin s3://$B/dir/big.bin --only-show-errors
                $AWS s3 ls s3://$B/dir/ | grep -q big.bin
                $AWS s3 cp s3://$B/dir/big.bin back.bin --only-show-errors
                cmp big.bin back.bin
                $AWS s3 sync tree s3://$B/tree --only-show-errors
                $AWS s3 sync s3://$B/tree tree2 --only-show-errors
                diff -r tree tree2
                test "$($AWS s3api head-object --bucket $B --key tree/a.txt --query ContentLength)" = "4"
                url=$($AWS s3 presign s3://$B/tree/sub/b.txt --expires-in 300)
                test "$(curl -sf "$url")" = "two"
                $AWS s3api list-objects-v2 --bucket $B --prefix tree/ --delimiter / --query 'CommonPrefixes[].Prefix' --output text | grep -q tree/sub/
                $AWS s3 rm s3://$B --recursive --only-show-errors
                $AWS s3api list-object-versions --bucket $B >/dev/null 2>&1 || true
                echo DONE
                """, env, work);
            Assert.Contains("DONE", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
