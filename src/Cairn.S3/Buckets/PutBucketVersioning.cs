using Cairn.S3.Xml;

namespace Cairn.S3.Buckets;

/// <summary>
/// PUT /{bucket}?versioning: a B2 bucket keeps every version, always. <c>Enabled</c> is what it already is (200);
/// <c>Suspended</c> cannot be, and is refused with 409 <c>InvalidBucketState</c>, S3's answer for a bucket whose
/// versioning cannot change.
/// </summary>
public static class PutBucketVersioning
{
    public static async Task HandleAsync(S3Call call)
    {
        await HeadBucket.RequireVisibleAsync(call);
        var body = await S3Xml.ReadAsync(call) ?? throw S3Exception.MalformedXml();
        switch (S3Xml.Child(body, "Status"))
        {
            case "Enabled":
                break;
            case "Suspended":
                throw new S3Exception(409, S3ErrorCodes.InvalidBucketState,
                    "Versioning is always enabled on a B2 bucket and cannot be suspended.");
            default:
                throw S3Exception.MalformedXml();
        }
        call.Http.Response.ContentLength = 0;
    }
}
