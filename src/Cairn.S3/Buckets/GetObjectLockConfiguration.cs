using System.Globalization;
using Cairn.Core.Buckets;
using Cairn.S3.Xml;

namespace Cairn.S3.Buckets;

/// <summary>
/// GET /{bucket}?object-lock: <c>Enabled</c> and the default retention of a file-lock-enabled bucket; 404
/// ObjectLockConfigurationNotFoundError for a bucket without lock. Needs readBucketRetentions.
/// </summary>
public static class GetObjectLockConfiguration
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await HeadBucket.RequireVisibleAsync(call);
        BucketVisibility.RequireFileLock(call.Principal, bucket);
        if (!bucket.FileLockEnabled)
        {
            throw new S3Exception(404, S3ErrorCodes.ObjectLockConfigurationNotFound, "Object Lock configuration does not exist for this bucket");
        }
        var configuration = S3Xml.E("ObjectLockConfiguration", S3Xml.E("ObjectLockEnabled", "Enabled"));
        if (bucket.DefaultRetention is { } retention)
        {
            configuration.Add(S3Xml.E("Rule", S3Xml.E("DefaultRetention",
                S3Xml.E("Mode", retention.Mode.ToUpperInvariant()),
                S3Xml.E(retention.Unit == DefaultRetention.Years ? "Years" : "Days", retention.Duration.ToString(CultureInfo.InvariantCulture)))));
        }
        await S3Xml.WriteAsync(call.Http, configuration);
    }
}
