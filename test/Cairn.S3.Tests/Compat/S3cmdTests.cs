using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Compat;

/// <summary>s3cmd (Debian's) with SigV4 and path-style addressing: mb, put (multipart), ls, get, del; rb refused while hidden versions remain, as on B2.</summary>
public sealed class S3cmdTests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    [Fact]
    public async Task S3cmd_PutGetListDelete_WithMultipart()
    {
        var work = ClientProcess.NewWorkDir();
        try
        {
            var host = new Uri(fixture.Server.BaseUrl).Authority;
            File.WriteAllText(Path.Combine(work, "s3cfg"), $"""
                [default]
                access_key = {fixture.KeyId}
                secret_key = {fixture.Secret}
                host_base = {host}
                host_bucket = {host}
                use_https = False
                bucket_location = us-east-1
                signature_v2 = False
                """);
            var env = new Dictionary<string, string>
            {
                ["S3CMD"] = ClientProcess.Find("/usr/bin/s3cmd") + " -c s3cfg --no-progress",
                ["B"] = S3Fixture.NewBucketName(),
            };
            var output = await ClientProcess.RunAsync("""
                head -c 17000000 /dev/urandom > big.bin
                echo small > small.txt
                $S3CMD mb s3://$B
                $S3CMD put big.bin s3://$B/big.bin --multipart-chunk-size-mb=5 --progress > put.log 2>&1
                grep -q "part 4 of 4" put.log
                $S3CMD put small.txt s3://$B/dir/small.txt
                $S3CMD ls s3://$B/ | grep -q big.bin
                $S3CMD ls s3://$B/dir/ | grep -q small.txt
                $S3CMD get s3://$B/big.bin back.bin
                cmp big.bin back.bin
                $S3CMD ls s3://$B/dir/small.txt | grep -q " 6 *s3://"
                $S3CMD del s3://$B/big.bin s3://$B/dir/small.txt
                # As on B2, the hidden versions keep the bucket from being deleted.
                ! $S3CMD rb s3://$B 2> rb.log
                grep -q BucketNotEmpty rb.log
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
