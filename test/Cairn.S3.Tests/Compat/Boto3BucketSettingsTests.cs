using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Compat;

/// <summary>
/// boto3 against the bucket settings and object lock calls, checking the exact error codes it raises (AWSSDK.S3 turns
/// some of them into empty answers), and the Live Read header refused.
/// </summary>
public sealed class Boto3BucketSettingsTests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    private const string Script = """
        import datetime, os, boto3
        from botocore.config import Config
        from botocore.exceptions import ClientError
        s3 = boto3.client("s3", endpoint_url=os.environ["CAIRN_URL"], region_name="us-east-1",
                          aws_access_key_id=os.environ["KEY_ID"], aws_secret_access_key=os.environ["KEY"],
                          config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
        bucket = os.environ["BUCKET"]

        def code(call, **kwargs):
            try:
                call(**kwargs)
            except ClientError as e:
                return (e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
            raise AssertionError(f"{call.__name__} did not fail")

        s3.create_bucket(Bucket=bucket)
        assert code(s3.get_bucket_cors, Bucket=bucket) == ("NoSuchCORSConfiguration", 404)
        assert code(s3.get_bucket_encryption, Bucket=bucket) == ("ServerSideEncryptionConfigurationNotFoundError", 404)
        assert code(s3.get_object_lock_configuration, Bucket=bucket) == ("ObjectLockConfigurationNotFoundError", 404)
        assert code(s3.put_bucket_versioning, Bucket=bucket, VersioningConfiguration={"Status": "Suspended"}) == ("InvalidBucketState", 409)
        assert code(s3.get_bucket_policy, Bucket=bucket) == ("NotImplemented", 501)
        assert code(s3.get_bucket_lifecycle_configuration, Bucket=bucket) == ("NotImplemented", 501)

        s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [
            {"AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["PUT", "GET"], "MaxAgeSeconds": 60}]})
        rule = s3.get_bucket_cors(Bucket=bucket)["CORSRules"][0]
        assert rule["AllowedMethods"] == ["GET", "PUT"], rule
        s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [
            {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
        assert s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
        s3.put_object_lock_configuration(Bucket=bucket, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})
        assert s3.get_object_lock_configuration(Bucket=bucket)["ObjectLockConfiguration"]["ObjectLockEnabled"] == "Enabled"

        put = s3.put_object(Bucket=bucket, Key="locked", Body=b"x", ObjectLockMode="GOVERNANCE",
                            ObjectLockRetainUntilDate=datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1))
        assert put["ServerSideEncryption"] == "AES256", put
        head = s3.head_object(Bucket=bucket, Key="locked")
        assert head["ObjectLockMode"] == "GOVERNANCE", head
        assert code(s3.get_object_legal_hold, Bucket=bucket, Key="locked") == ("NoSuchObjectLockConfiguration", 404)
        assert code(s3.delete_object, Bucket=bucket, Key="locked", VersionId=put["VersionId"]) == ("AccessDenied", 403)
        s3.delete_object(Bucket=bucket, Key="locked", VersionId=put["VersionId"], BypassGovernanceRetention=True)

        def live_read(request, **kwargs):
            request.headers["x-backblaze-live-read-enabled"] = "true"
        s3.meta.events.register("before-sign.s3.CreateMultipartUpload", live_read)
        assert code(s3.create_multipart_upload, Bucket=bucket, Key="live") == ("NotImplemented", 501)
        print("OK")
        """;

    [Fact]
    public async Task Boto3_BucketSettingsAndObjectLock_ErrorCodes()
    {
        var work = ClientProcess.NewWorkDir();
        try
        {
            var python = ClientProcess.Find("/usr/bin/python3");
            File.WriteAllText(Path.Combine(work, "settings.py"), Script);
            var output = await ClientProcess.RunAsync($"{python} settings.py", new Dictionary<string, string>
            {
                ["CAIRN_URL"] = fixture.Server.BaseUrl,
                ["KEY_ID"] = fixture.KeyId,
                ["KEY"] = fixture.Secret,
                ["BUCKET"] = S3Fixture.NewBucketName(),
            }, work, TimeSpan.FromMinutes(2));
            Assert.Equal("OK", output.Trim());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
