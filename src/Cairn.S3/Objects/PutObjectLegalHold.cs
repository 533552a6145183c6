using Cairn.Core.FileLock;
using Cairn.S3.Xml;

namespace Cairn.S3.Objects;

/// <summary>PUT /{bucket}/{key}?legal-hold: b2_update_file_legal_hold with &lt;LegalHold&gt;&lt;Status&gt;ON|OFF.</summary>
public static class PutObjectLegalHold
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var body = await S3Xml.ReadAsync(call) ?? throw S3Exception.MalformedXml();
        if (body.Name.LocalName != "LegalHold" || S3Xml.Child(body, "Status") is not { } status)
        {
            throw S3Exception.MalformedXml();
        }
        var addressed = await AddressedVersion.FindAsync(call, bucket);
        await call.Service<FileLockService>().UpdateLegalHoldAsync(call.Principal, addressed.Version.FileId, addressed.Version.FileName,
            ObjectLockHeaders.LegalHoldFromS3(status), call.Aborted);
        call.Http.Response.ContentLength = 0;
    }
}
