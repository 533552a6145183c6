using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Buckets;

/// <summary>
/// Bucket CORS, default encryption, Object Lock configuration, ACLs and versioning over S3: each is the B2 bucket's
/// own setting, so what S3 sets b2_list_buckets shows, and the reverse.
/// </summary>
public sealed class BucketSettingsTests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    private async Task<string> NewBucketAsync(PutBucketRequest? request = null)
    {
        var name = S3Fixture.NewBucketName();
        request ??= new PutBucketRequest();
        request.BucketName = name;
        await fixture.S3.PutBucketAsync(request);
        return name;
    }

    [Fact]
    public async Task BucketCors_PutGetDelete_IsTheB2BucketsCorsRules()
    {
        var bucket = await NewBucketAsync();
        await S3Assert.FailsAsync("NoSuchCORSConfiguration", HttpStatusCode.NotFound,
            () => fixture.S3.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = bucket }));

        await fixture.S3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration
            {
                Rules =
                [
                    new CORSRule
                    {
                        Id = "Allow GET/POST from Example site",
                        AllowedOrigins = ["https://www.example.com"],
                        AllowedMethods = ["GET", "POST"],
                        AllowedHeaders = ["*"],
                        ExposeHeaders = ["x-amz-server-side-encryption"],
                        MaxAgeSeconds = 3600,
                    },
                ],
            },
        });

        var got = await fixture.S3.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = bucket });
        var rule = Assert.Single(got.Configuration.Rules);
        Assert.Equal(["https://www.example.com"], rule.AllowedOrigins);
        Assert.Equal(["GET", "POST"], rule.AllowedMethods);
        Assert.Equal(["*"], rule.AllowedHeaders);
        Assert.Equal(["x-amz-server-side-encryption"], rule.ExposeHeaders);
        Assert.Equal(3600, rule.MaxAgeSeconds);

        var b2Rule = (await S3Assert.B2BucketAsync(fixture, bucket)).GetProperty("corsRules").EnumerateArray().Single();
        Assert.Equal(["s3_get", "s3_post"], b2Rule.GetProperty("allowedOperations").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(3600, b2Rule.GetProperty("maxAgeSeconds").GetInt32());

        await fixture.S3.DeleteCORSConfigurationAsync(new DeleteCORSConfigurationRequest { BucketName = bucket });
        Assert.Equal(0, (await S3Assert.B2BucketAsync(fixture, bucket)).GetProperty("corsRules").GetArrayLength());
        await S3Assert.FailsAsync("NoSuchCORSConfiguration", HttpStatusCode.NotFound,
            () => fixture.S3.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = bucket }));
    }

    [Fact]
    public async Task BucketCors_SetByB2_ReadByS3_AndInvalidRulesRefused()
    {
        var bucket = await NewBucketAsync();
        var bucketId = (await S3Assert.B2BucketAsync(fixture, bucket)).GetProperty("bucketId").GetString();
        await fixture.B2.CallAsync("b2_update_bucket", new
        {
            accountId = fixture.B2.AccountId,
            bucketId,
            corsRules = new[]
            {
                new { corsRuleName = "downloads", allowedOrigins = new[] { "https" }, allowedOperations = new[] { "s3_head", "b2_download_file_by_name" }, maxAgeSeconds = 60 },
            },
        });
        var rule = Assert.Single((await fixture.S3.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = bucket })).Configuration.Rules);
        Assert.Equal(["HEAD"], rule.AllowedMethods);
        Assert.Equal(["https"], rule.AllowedOrigins);

        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => fixture.S3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration { Rules = [new CORSRule { AllowedOrigins = ["*"], AllowedMethods = ["PATCH"] }] },
        }));
        var (keyId, secret) = await fixture.CreateKeyAsync(["listBuckets", "readFiles", "writeFiles"]);
        using (var limited = fixture.Client(keyId, secret))
        {
            await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => limited.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
            {
                BucketName = bucket,
                Configuration = new CORSConfiguration { Rules = [new CORSRule { AllowedOrigins = ["*"], AllowedMethods = ["GET"] }] },
            }));
            await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden,
                () => limited.DeleteCORSConfigurationAsync(new DeleteCORSConfigurationRequest { BucketName = bucket }));
        }
        // Core's own rule: at most 86400 seconds.
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => fixture.S3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration { Rules = [new CORSRule { AllowedOrigins = ["*"], AllowedMethods = ["GET"], MaxAgeSeconds = 100_000 }] },
        }));
    }

    [Fact]
    public async Task BucketEncryption_PutGetDelete_IsTheB2DefaultEncryption()
    {
        var bucket = await NewBucketAsync();
        await NoDefaultEncryptionAsync(bucket);

        await fixture.S3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 } }],
            },
        });
        var got = await fixture.S3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket });
        Assert.Equal(ServerSideEncryptionMethod.AES256, got.ServerSideEncryptionConfiguration.ServerSideEncryptionRules.Single().ServerSideEncryptionByDefault.ServerSideEncryptionAlgorithm);
        var b2 = (await S3Assert.B2BucketAsync(fixture, bucket)).GetProperty("defaultServerSideEncryption").GetProperty("value");
        Assert.Equal("SSE-B2", b2.GetProperty("mode").GetString());

        // A new object gets the default, and says so.
        var put = await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "defaulted", ContentBody = "secret" });
        Assert.Equal(ServerSideEncryptionMethod.AES256, put.ServerSideEncryptionMethod);

        await fixture.S3.DeleteBucketEncryptionAsync(new DeleteBucketEncryptionRequest { BucketName = bucket });
        var none = (await S3Assert.B2BucketAsync(fixture, bucket)).GetProperty("defaultServerSideEncryption").GetProperty("value");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, none.GetProperty("mode").ValueKind);
        await NoDefaultEncryptionAsync(bucket);

        await S3Assert.FailsAsync("InvalidArgument", HttpStatusCode.BadRequest, () => fixture.S3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AWSKMS } }],
            },
        }));
    }

    /// <summary>
    /// 404 ServerSideEncryptionConfigurationNotFoundError, which AWSSDK.S3 turns into an answer without rules (as it
    /// does against AWS).
    /// </summary>
    private async Task NoDefaultEncryptionAsync(string bucket)
    {
        var none = await fixture.S3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket });
        Assert.Empty(none.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules ?? []);
    }

    [Fact]
    public async Task BucketEncryption_SetByB2_ReadByS3_KeyWithoutTheCapability_AccessDenied()
    {
        var bucket = await NewBucketAsync();
        var bucketId = (await S3Assert.B2BucketAsync(fixture, bucket)).GetProperty("bucketId").GetString();
        await fixture.B2.CallAsync("b2_update_bucket", new
        {
            accountId = fixture.B2.AccountId,
            bucketId,
            defaultServerSideEncryption = new { mode = "SSE-B2", algorithm = "AES256" },
        });
        var got = await fixture.S3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket });
        Assert.Equal(ServerSideEncryptionMethod.AES256, got.ServerSideEncryptionConfiguration.ServerSideEncryptionRules.Single().ServerSideEncryptionByDefault.ServerSideEncryptionAlgorithm);

        var (keyId, secret) = await fixture.CreateKeyAsync(["listBuckets", "readBuckets", "writeBuckets", "listFiles", "readFiles", "writeFiles"]);
        using var limited = fixture.Client(keyId, secret);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden,
            () => limited.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket }));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden,
            () => limited.DeleteBucketEncryptionAsync(new DeleteBucketEncryptionRequest { BucketName = bucket }));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden,
            () => limited.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = bucket }));
    }

    [Fact]
    public async Task ObjectLockConfiguration_CreateLocked_PutDefaultRetention_SeenByB2()
    {
        var plain = await NewBucketAsync();
        await S3Assert.FailsAsync("ObjectLockConfigurationNotFoundError", HttpStatusCode.NotFound,
            () => fixture.S3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = plain }));

        var locked = await NewBucketAsync(new PutBucketRequest { ObjectLockEnabledForBucket = true });
        var config = (await fixture.S3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = locked })).ObjectLockConfiguration;
        Assert.Equal(ObjectLockEnabled.Enabled, config.ObjectLockEnabled);
        Assert.Null(config.Rule?.DefaultRetention);

        await fixture.S3.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
        {
            BucketName = locked,
            ObjectLockConfiguration = new ObjectLockConfiguration
            {
                ObjectLockEnabled = ObjectLockEnabled.Enabled,
                Rule = new ObjectLockRule { DefaultRetention = new DefaultRetention { Mode = ObjectLockRetentionMode.Governance, Days = 14 } },
            },
        });
        config = (await fixture.S3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = locked })).ObjectLockConfiguration;
        Assert.Equal(ObjectLockRetentionMode.Governance, config.Rule.DefaultRetention.Mode);
        Assert.Equal(14, config.Rule.DefaultRetention.Days);

        var b2 = (await S3Assert.B2BucketAsync(fixture, locked)).GetProperty("fileLockConfiguration").GetProperty("value");
        Assert.True(b2.GetProperty("isFileLockEnabled").GetBoolean());
        Assert.Equal("governance", b2.GetProperty("defaultRetention").GetProperty("mode").GetString());
        Assert.Equal("days", b2.GetProperty("defaultRetention").GetProperty("period").GetProperty("unit").GetString());

        // A new object gets the default retention.
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = locked, Key = "kept", ContentBody = "x" });
        var head = await fixture.S3.GetObjectMetadataAsync(locked, "kept");
        Assert.Equal(ObjectLockMode.Governance, head.ObjectLockMode);
        Assert.InRange(head.ObjectLockRetainUntilDate!.Value, DateTime.UtcNow.AddDays(13), DateTime.UtcNow.AddDays(15));

        // Lock on an existing bucket, set over S3 (B2 allows it), with a period in years.
        await fixture.S3.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
        {
            BucketName = plain,
            ObjectLockConfiguration = new ObjectLockConfiguration
            {
                ObjectLockEnabled = ObjectLockEnabled.Enabled,
                Rule = new ObjectLockRule { DefaultRetention = new DefaultRetention { Mode = ObjectLockRetentionMode.Compliance, Years = 1 } },
            },
        });
        config = (await fixture.S3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = plain })).ObjectLockConfiguration;
        Assert.Equal(ObjectLockRetentionMode.Compliance, config.Rule.DefaultRetention.Mode);
        Assert.Equal(1, config.Rule.DefaultRetention.Years);

        // Changed by B2, seen by S3.
        var bucketId = (await S3Assert.B2BucketAsync(fixture, plain)).GetProperty("bucketId").GetString();
        await fixture.B2.CallAsync("b2_update_bucket", new
        {
            accountId = fixture.B2.AccountId,
            bucketId,
            defaultRetention = new { mode = "governance", period = new { duration = 30, unit = "days" } },
        });
        config = (await fixture.S3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = plain })).ObjectLockConfiguration;
        Assert.Equal(ObjectLockRetentionMode.Governance, config.Rule.DefaultRetention.Mode);
        Assert.Equal(30, config.Rule.DefaultRetention.Days);
    }

    [Fact]
    public async Task BucketAcl_CannedPrivateAndPublicRead_AreTheBucketType()
    {
        var bucket = await NewBucketAsync();
        var acl = await fixture.S3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
        var grant = Assert.Single(acl.Grants);
        Assert.Equal(S3Permission.FULL_CONTROL, grant.Permission);

        await fixture.S3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.PublicRead });
        Assert.Equal("allPublic", (await S3Assert.B2BucketAsync(fixture, bucket)).GetProperty("bucketType").GetString());
        acl = await fixture.S3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
        Assert.Contains(acl.Grants, g => g.Permission == S3Permission.READ && g.Grantee.URI == "http://acs.amazonaws.com/groups/global/AllUsers");

        // The object ACL is the bucket's; it may only be "set" to that.
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "obj", ContentBody = "x", CannedACL = S3CannedACL.PublicRead });
        var objectAcl = await fixture.S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "obj" });
        Assert.Equal(2, objectAcl.Grants.Count);
        await fixture.S3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "obj", ACL = S3CannedACL.PublicRead });
        await S3Assert.FailsAsync("InvalidArgument", HttpStatusCode.BadRequest,
            () => fixture.S3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "obj", ACL = S3CannedACL.Private }));
        await S3Assert.FailsAsync("InvalidArgument", HttpStatusCode.BadRequest,
            () => fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "other", ContentBody = "x", CannedACL = S3CannedACL.Private }));
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound,
            () => fixture.S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "missing" }));

        // Set back by B2, seen by S3.
        var bucketId = (await S3Assert.B2BucketAsync(fixture, bucket)).GetProperty("bucketId").GetString();
        await fixture.B2.CallAsync("b2_update_bucket", new { accountId = fixture.B2.AccountId, bucketId, bucketType = "allPrivate" });
        Assert.Single((await fixture.S3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket })).Grants);

        await S3Assert.FailsAsync("InvalidArgument", HttpStatusCode.BadRequest,
            () => fixture.S3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.AuthenticatedRead }));
        var (keyId, secret) = await fixture.CreateKeyAsync(["listBuckets", "readFiles"]);
        using var readOnly = fixture.Client(keyId, secret);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden,
            () => readOnly.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.PublicRead }));
    }

    [Fact]
    public async Task PutBucketVersioning_Enabled_IsKept_Suspended_Refused()
    {
        var bucket = await NewBucketAsync();
        await fixture.S3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } });
        await S3Assert.FailsAsync("InvalidBucketState", HttpStatusCode.Conflict, () => fixture.S3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Suspended },
        }));
        var versioning = await fixture.S3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket });
        Assert.Equal(VersionStatus.Enabled, versioning.VersioningConfig.Status);
    }

    [Fact]
    public async Task RefusedSubresources_NotImplemented()
    {
        var bucket = await NewBucketAsync();
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });
        await S3Assert.FailsAsync("NotImplemented", HttpStatusCode.NotImplemented,
            () => fixture.S3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }));
        await S3Assert.FailsAsync("NotImplemented", HttpStatusCode.NotImplemented,
            () => fixture.S3.GetBucketWebsiteAsync(new GetBucketWebsiteRequest { BucketName = bucket }));
        await S3Assert.FailsAsync("NotImplemented", HttpStatusCode.NotImplemented,
            () => fixture.S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = "{}" }));
        await S3Assert.FailsAsync("NotImplemented", HttpStatusCode.NotImplemented,
            () => fixture.S3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "k" }));
        await S3Assert.FailsAsync("NotImplemented", HttpStatusCode.NotImplemented,
            () => fixture.S3.GetBucketReplicationAsync(new GetBucketReplicationRequest { BucketName = bucket }));
    }
}
