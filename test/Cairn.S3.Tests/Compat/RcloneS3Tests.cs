using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Compat;

/// <summary>rclone's S3 backend (provider Other, path style) against Cairn: copy with multipart, check, listing, sync back, purge.</summary>
public sealed class RcloneS3Tests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    [Fact]
    public async Task Rclone_S3Backend_CopyCheckAndBack()
    {
        var work = ClientProcess.NewWorkDir();
        try
        {
            var env = new Dictionary<string, string>
            {
                ["RCLONE"] = ClientProcess.Find("/usr/bin/rclone") + " --config /dev/null --low-level-retries 1 --retries 1",
                ["RCLONE_CONFIG_CAIRN_TYPE"] = "s3",
                ["RCLONE_CONFIG_CAIRN_PROVIDER"] = "Other",
                ["RCLONE_CONFIG_CAIRN_ACCESS_KEY_ID"] = fixture.KeyId,
                ["RCLONE_CONFIG_CAIRN_SECRET_ACCESS_KEY"] = fixture.Secret,
                ["RCLONE_CONFIG_CAIRN_ENDPOINT"] = fixture.Server.BaseUrl,
                ["RCLONE_CONFIG_CAIRN_REGION"] = "us-east-1",
                ["RCLONE_CONFIG_CAIRN_FORCE_PATH_STYLE"] = "true",
                ["B"] = S3Fixture.NewBucketName(),
            };
            var output = await ClientProcess.RunAsync("""
                mkdir -p src/deep/er
                head -c 12000000 /dev/urandom > src/large.bin
                for i in 1 2 3 4 5; do echo "file $i" > "src/deep/er/f $i.txt"; done
                $RCLONE mkdir cairn:$B
                $RCLONE copy src cairn:$B/data --s3-upload-cutoff 5M --s3-chunk-size 5M
                $RCLONE check src cairn:$B/data
                test "$($RCLONE lsf -R cairn:$B/data | wc -l)" = "8"
                $RCLONE copy cairn:$B/data back
                diff -r src back
                $RCLONE deletefile "cairn:$B/data/deep/er/f 1.txt"
                test "$($RCLONE lsf cairn:$B/data/deep/er | wc -l)" = "4"
                $RCLONE purge cairn:$B/data
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
