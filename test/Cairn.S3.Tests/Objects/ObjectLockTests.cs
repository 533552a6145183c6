using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.S3.Tests.Support;

namespace Cairn.S3.Tests.Objects;

/// <summary>
/// Object retention and legal hold over S3: the lock headers of writes and reads, Get/PutObjectRetention and
/// Get/PutObjectLegalHold, with Core's rules (governance bypass, compliance, capabilities) and the same state B2 sees.
/// </summary>
public sealed class ObjectLockTests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    private async Task<string> NewLockedBucketAsync()
    {
        var name = S3Fixture.NewBucketName();
        await fixture.S3.PutBucketAsync(new PutBucketRequest { BucketName = name, ObjectLockEnabledForBucket = true });
        return name;
    }

    private static DateTime Whole(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    [Fact]
    public async Task PutObject_LockHeaders_ReturnedOnHeadAndGet_AndSeenByB2()
    {
        var bucket = await NewLockedBucketAsync();
        var until = Whole(DateTime.UtcNow.AddDays(2));
        var put = await fixture.S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "locked",
            ContentBody = "keep me",
            ObjectLockMode = ObjectLockMode.Governance,
            ObjectLockRetainUntilDate = until,
            ObjectLockLegalHoldStatus = ObjectLockLegalHoldStatus.On,
        });

        var head = await fixture.S3.GetObjectMetadataAsync(bucket, "locked");
        Assert.Equal(ObjectLockMode.Governance, head.ObjectLockMode);
        Assert.Equal(until, head.ObjectLockRetainUntilDate!.Value.ToUniversalTime());
        Assert.Equal(ObjectLockLegalHoldStatus.On, head.ObjectLockLegalHoldStatus);
        using (var get = await fixture.S3.GetObjectAsync(bucket, "locked"))
        {
            Assert.Equal(ObjectLockMode.Governance, get.ObjectLockMode);
        }

        var info = await fixture.B2.CallAsync("b2_get_file_info", new { fileId = put.VersionId });
        Assert.Equal("governance", info.GetProperty("fileRetention").GetProperty("value").GetProperty("mode").GetString());
        Assert.Equal(new DateTimeOffset(until).ToUnixTimeMilliseconds(), info.GetProperty("fileRetention").GetProperty("value").GetProperty("retainUntilTimestamp").GetInt64());
        Assert.Equal("on", info.GetProperty("legalHold").GetProperty("value").GetString());

        // Under legal hold, the version cannot be deleted, whatever the bypass.
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => fixture.S3.DeleteObjectAsync(new DeleteObjectRequest
        {
            BucketName = bucket,
            Key = "locked",
            VersionId = put.VersionId,
            BypassGovernanceRetention = true,
        }));
    }

    [Fact]
    public async Task ObjectRetention_PutGet_GovernanceNeedsBypass_ComplianceCannotShorten()
    {
        var bucket = await NewLockedBucketAsync();
        var put = await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "r", ContentBody = "x" });
        await S3Assert.FailsAsync("NoSuchObjectLockConfiguration", HttpStatusCode.NotFound,
            () => fixture.S3.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = bucket, Key = "r" }));

        var far = Whole(DateTime.UtcNow.AddDays(30));
        await fixture.S3.PutObjectRetentionAsync(new PutObjectRetentionRequest
        {
            BucketName = bucket,
            Key = "r",
            Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Governance, RetainUntilDate = far },
        });
        var got = await fixture.S3.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = bucket, Key = "r", VersionId = put.VersionId });
        Assert.Equal(ObjectLockRetentionMode.Governance, got.Retention.Mode);
        Assert.Equal(far, got.Retention.RetainUntilDate!.Value.ToUniversalTime());

        var near = Whole(DateTime.UtcNow.AddDays(1));
        var shorten = new PutObjectRetentionRequest
        {
            BucketName = bucket,
            Key = "r",
            Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Governance, RetainUntilDate = near },
        };
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => fixture.S3.PutObjectRetentionAsync(shorten));
        shorten.BypassGovernanceRetention = true;
        await fixture.S3.PutObjectRetentionAsync(shorten);
        Assert.Equal(near, (await fixture.S3.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = bucket, Key = "r" })).Retention.RetainUntilDate!.Value.ToUniversalTime());

        // Set by B2 in compliance mode: S3 cannot shorten it, even with the bypass.
        await fixture.B2.CallAsync("b2_update_file_retention", new
        {
            fileId = put.VersionId,
            fileName = "r",
            fileRetention = new { mode = "compliance", retainUntilTimestamp = new DateTimeOffset(far).ToUnixTimeMilliseconds() },
        });
        Assert.Equal(ObjectLockRetentionMode.Compliance, (await fixture.S3.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = bucket, Key = "r" })).Retention.Mode);
        shorten.Retention.Mode = ObjectLockRetentionMode.Compliance;
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => fixture.S3.PutObjectRetentionAsync(shorten));
    }

    [Fact]
    public async Task ObjectLegalHold_PutGet_SetByB2_SeenByS3()
    {
        var bucket = await NewLockedBucketAsync();
        var put = await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "h", ContentBody = "x" });
        await S3Assert.FailsAsync("NoSuchObjectLockConfiguration", HttpStatusCode.NotFound,
            () => fixture.S3.GetObjectLegalHoldAsync(new GetObjectLegalHoldRequest { BucketName = bucket, Key = "h" }));

        await fixture.S3.PutObjectLegalHoldAsync(new PutObjectLegalHoldRequest
        {
            BucketName = bucket,
            Key = "h",
            LegalHold = new ObjectLockLegalHold { Status = ObjectLockLegalHoldStatus.On },
        });
        Assert.Equal(ObjectLockLegalHoldStatus.On, (await fixture.S3.GetObjectLegalHoldAsync(new GetObjectLegalHoldRequest { BucketName = bucket, Key = "h" })).LegalHold.Status);
        var info = await fixture.B2.CallAsync("b2_get_file_info", new { fileId = put.VersionId });
        Assert.Equal("on", info.GetProperty("legalHold").GetProperty("value").GetString());

        await fixture.B2.CallAsync("b2_update_file_legal_hold", new { fileId = put.VersionId, fileName = "h", legalHold = "off" });
        Assert.Equal(ObjectLockLegalHoldStatus.Off, (await fixture.S3.GetObjectLegalHoldAsync(new GetObjectLegalHoldRequest { BucketName = bucket, Key = "h" })).LegalHold.Status);
        await fixture.S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "h", VersionId = put.VersionId });
    }

    [Fact]
    public async Task ObjectLock_BucketWithoutLock_InvalidRequest_KeyWithoutCapability_AccessDenied()
    {
        var plain = S3Fixture.NewBucketName();
        await fixture.S3.PutBucketAsync(plain);
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = plain, Key = "p", ContentBody = "x" });
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => fixture.S3.PutObjectLegalHoldAsync(new PutObjectLegalHoldRequest
        {
            BucketName = plain,
            Key = "p",
            LegalHold = new ObjectLockLegalHold { Status = ObjectLockLegalHoldStatus.On },
        }));
        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => fixture.S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = plain,
            Key = "q",
            ContentBody = "x",
            ObjectLockMode = ObjectLockMode.Governance,
            ObjectLockRetainUntilDate = DateTime.UtcNow.AddDays(1),
        }));

        var bucket = await NewLockedBucketAsync();
        await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });
        var (keyId, secret) = await fixture.CreateKeyAsync(["listBuckets", "listFiles", "readFiles", "writeFiles"]);
        using var limited = fixture.Client(keyId, secret);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden,
            () => limited.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = bucket, Key = "k" }));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => limited.PutObjectLegalHoldAsync(new PutObjectLegalHoldRequest
        {
            BucketName = bucket,
            Key = "k",
            LegalHold = new ObjectLockLegalHold { Status = ObjectLockLegalHoldStatus.On },
        }));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => limited.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "k2",
            ContentBody = "x",
            ObjectLockMode = ObjectLockMode.Governance,
            ObjectLockRetainUntilDate = DateTime.UtcNow.AddDays(1),
        }));
        // A reader without readFileRetentions is not shown the lock.
        var head = await limited.GetObjectMetadataAsync(bucket, "k");
        Assert.True(string.IsNullOrEmpty(head.ObjectLockMode?.Value));
    }

    [Fact]
    public async Task MultipartAndCopy_CarryLockHeaders()
    {
        var bucket = await NewLockedBucketAsync();
        var until = Whole(DateTime.UtcNow.AddDays(3));
        var start = await fixture.S3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "mp",
            ObjectLockMode = ObjectLockMode.Compliance,
            ObjectLockRetainUntilDate = until,
        });
        var etags = new List<PartETag>();
        foreach (var (number, size) in new[] { (1, 5 * 1024 * 1024), (2, 1000) })
        {
            var part = await fixture.S3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket,
                Key = "mp",
                UploadId = start.UploadId,
                PartNumber = number,
                InputStream = new MemoryStream(new byte[size]),
            });
            etags.Add(new PartETag(number, part.ETag));
        }
        await fixture.S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "mp",
            UploadId = start.UploadId,
            PartETags = etags,
        });
        var head = await fixture.S3.GetObjectMetadataAsync(bucket, "mp");
        Assert.Equal(ObjectLockMode.Compliance, head.ObjectLockMode);
        Assert.Equal(until, head.ObjectLockRetainUntilDate!.Value.ToUniversalTime());

        await fixture.S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "mp",
            DestinationBucket = bucket,
            DestinationKey = "copy",
            ObjectLockLegalHoldStatus = ObjectLockLegalHoldStatus.On,
        });
        Assert.Equal(ObjectLockLegalHoldStatus.On, (await fixture.S3.GetObjectMetadataAsync(bucket, "copy")).ObjectLockLegalHoldStatus);
    }
}
