using System.Globalization;
using Cairn.Core.Buckets;
using Cairn.S3.Objects;
using Cairn.S3.Xml;

namespace Cairn.S3.Buckets;

/// <summary>
/// PUT /{bucket}?object-lock: turns file lock on (it cannot be turned off) and sets the default retention, or removes it
/// when the configuration has no rule (b2_update_bucket's fileLockEnabled and defaultRetention; Core asks for
/// writeBucketRetentions and checks the period).
/// </summary>
public static class PutObjectLockConfiguration
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var configuration = await S3Xml.ReadAsync(call) ?? throw S3Exception.MalformedXml();
        if (configuration.Name.LocalName != "ObjectLockConfiguration" || S3Xml.Child(configuration, "ObjectLockEnabled") != "Enabled")
        {
            throw S3Exception.MalformedXml();
        }
        DefaultRetention? retention = null;
        if (S3Xml.Children(configuration, "Rule").FirstOrDefault() is { } rule)
        {
            var defaults = S3Xml.Children(rule, "DefaultRetention").SingleOrDefault() ?? throw S3Exception.MalformedXml();
            var mode = S3Xml.Child(defaults, "Mode") ?? throw S3Exception.MalformedXml();
            var (days, years) = (S3Xml.Child(defaults, "Days"), S3Xml.Child(defaults, "Years"));
            if (days is null == years is null)
            {
                throw S3Exception.MalformedXml();
            }
            if (!int.TryParse(days ?? years, NumberStyles.Integer, CultureInfo.InvariantCulture, out var duration))
            {
                throw S3Exception.MalformedXml();
            }
            retention = new DefaultRetention(ObjectLockHeaders.ModeFromS3(mode), duration, days is null ? DefaultRetention.Years : DefaultRetention.Days);
        }
        await call.Service<BucketService>().UpdateAsync(call.Principal, call.Principal.AccountId, bucket.BucketId,
            new BucketChanges { FileLockEnabled = true, SetsDefaultRetention = true, DefaultRetention = retention }, call.Aborted);
        call.Http.Response.ContentLength = 0;
    }
}
