using Cairn.Core.Errors;
using Cairn.S3.Xml;

namespace Cairn.S3.Objects;

/// <summary>
/// POST /{bucket}?delete: up to 1000 keys (with or without version ids), each deleted as DeleteObject deletes it;
/// one key's failure is an Error entry, not the request's. Quiet mode lists only the errors.
/// </summary>
public static class DeleteObjects
{
    public const int MaxKeys = 1000;

    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var body = await S3Xml.ReadAsync(call) ?? throw Malformed();
        var quiet = string.Equals(S3Xml.Child(body, "Quiet"), "true", StringComparison.OrdinalIgnoreCase);
        var objects = S3Xml.Children(body, "Object")
            .Select(o => (Key: S3Xml.Child(o, "Key") ?? throw Malformed(), VersionId: S3Xml.Child(o, "VersionId") is { Length: > 0 } v ? v : null))
            .ToList();
        if (objects.Count is 0 or > MaxKeys)
        {
            throw Malformed();
        }
        var bypass = string.Equals(call.Http.Request.Headers["x-amz-bypass-governance-retention"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var result = S3Xml.E("DeleteResult");
        foreach (var (key, versionId) in objects)
        {
            try
            {
                var (deletedVersion, marker) = await DeleteObject.DeleteAsync(call, bucket, key, versionId, bypass);
                if (!quiet)
                {
                    result.Add(S3Xml.E("Deleted",
                        S3Xml.E("Key", key),
                        versionId is null ? null : S3Xml.E("VersionId", versionId),
                        marker ? S3Xml.E("DeleteMarker", "true") : null,
                        marker && deletedVersion is not null ? S3Xml.E("DeleteMarkerVersionId", deletedVersion) : null));
                }
            }
            catch (Exception e) when (e is CairnException or S3Exception)
            {
                var (_, code) = e is CairnException c ? S3ErrorMap.Map(c.Error) : (0, ((S3Exception)e).Code);
                result.Add(S3Xml.E("Error",
                    S3Xml.E("Key", key),
                    versionId is null ? null : S3Xml.E("VersionId", versionId),
                    S3Xml.E("Code", code),
                    S3Xml.E("Message", e.Message)));
            }
        }
        await S3Xml.WriteAsync(call.Http, result);
    }

    private static S3Exception Malformed() =>
        new(400, S3ErrorCodes.MalformedXml, "The XML you provided was not well-formed or did not validate against our published schema.");
}
