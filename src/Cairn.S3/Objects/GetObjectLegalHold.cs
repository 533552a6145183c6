using Cairn.Core.FileLock;
using Cairn.S3.Xml;

namespace Cairn.S3.Objects;

/// <summary>
/// GET /{bucket}/{key}?legal-hold: the version's legal hold (Core: readFileLegalHolds, lock-enabled bucket); 404
/// NoSuchObjectLockConfiguration when none was ever set.
/// </summary>
public static class GetObjectLegalHold
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var addressed = await AddressedVersion.FindAsync(call, bucket);
        var version = await call.Service<FileLockService>().GetLegalHoldAsync(call.Principal, addressed.Version.FileId, addressed.Version.FileName, call.Aborted);
        if (version.LegalHold is not { } hold)
        {
            throw new S3Exception(404, S3ErrorCodes.NoSuchObjectLockConfiguration, "The specified object does not have a ObjectLock configuration");
        }
        await S3Xml.WriteAsync(call.Http, S3Xml.E("LegalHold", S3Xml.E("Status", ObjectLockHeaders.LegalHoldToS3(hold))));
    }
}
