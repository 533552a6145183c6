using Cairn.Core.FileLock;
using Cairn.Core.Files;
using Cairn.S3.Xml;

namespace Cairn.S3.Objects;

/// <summary>
/// PUT /{bucket}/{key}?retention: b2_update_file_retention. A &lt;Retention&gt; without mode and date removes it;
/// <c>x-amz-bypass-governance-retention: true</c> is bypassGovernance. Core decides who may shorten what.
/// </summary>
public static class PutObjectRetention
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var body = await S3Xml.ReadAsync(call) ?? throw S3Exception.MalformedXml();
        if (body.Name.LocalName != "Retention")
        {
            throw S3Exception.MalformedXml();
        }
        var (mode, until) = (S3Xml.Child(body, "Mode"), S3Xml.Child(body, "RetainUntilDate"));
        if (mode is null != until is null)
        {
            throw S3Exception.MalformedXml();
        }
        var retention = mode is null ? null : new FileRetention(ObjectLockHeaders.ModeFromS3(mode), ObjectLockHeaders.DateFromS3(until!, "RetainUntilDate"));
        var addressed = await AddressedVersion.FindAsync(call, bucket);
        await call.Service<FileLockService>().UpdateRetentionAsync(call.Principal, addressed.Version.FileId, addressed.Version.FileName, retention,
            ObjectLockHeaders.Bypass(call.Http.Request.Headers), call.Aborted);
        call.Http.Response.ContentLength = 0;
    }
}
