using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Files;

namespace Cairn.S3.Objects;

/// <summary>The version a request addresses: <c>?versionId=</c> when given (it must be of this bucket and key), else the key's current one.</summary>
public static class AddressedVersion
{
    public static async Task<Download> FindAsync(S3Call call, Bucket bucket)
    {
        var downloads = call.Service<DownloadService>();
        var caller = new DownloadCaller(call.Principal, null);
        if (call.QueryValue("versionId") is not { } versionId)
        {
            return await downloads.ByNameAsync(caller, bucket.BucketName, call.Key!, new Dictionary<string, string>(), call.Aborted);
        }
        var download = await downloads.ByIdAsync(caller, versionId, call.Aborted);
        if (download.Bucket.BucketId != bucket.BucketId || download.Version.FileName != call.Key)
        {
            throw new CairnException(CairnError.FileNotPresent, "The specified version does not exist.");
        }
        return download;
    }
}
