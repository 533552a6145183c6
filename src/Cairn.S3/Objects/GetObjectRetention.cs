using Cairn.Core.FileLock;
using Cairn.S3.Xml;

namespace Cairn.S3.Objects;

/// <summary>
/// GET /{bucket}/{key}?retention: the version's retention (Core: readFileRetentions, lock-enabled bucket); 404
/// NoSuchObjectLockConfiguration when it has none.
/// </summary>
public static class GetObjectRetention
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var addressed = await AddressedVersion.FindAsync(call, bucket);
        var version = await call.Service<FileLockService>().GetRetentionAsync(call.Principal, addressed.Version.FileId, addressed.Version.FileName, call.Aborted);
        if (version.Retention is not { } retention)
        {
            throw new S3Exception(404, S3ErrorCodes.NoSuchObjectLockConfiguration, "The specified object does not have a ObjectLock configuration");
        }
        await S3Xml.WriteAsync(call.Http, S3Xml.E("Retention",
            S3Xml.E("Mode", retention.Mode.ToUpperInvariant()),
            S3Xml.E("RetainUntilDate", S3Xml.Timestamp(retention.RetainUntilTimestamp))));
    }
}
