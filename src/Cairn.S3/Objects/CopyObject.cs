using Cairn.Core.Auth;
using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.S3.Auth;
using Cairn.S3.Buckets;
using Cairn.S3.Xml;
using Microsoft.AspNetCore.Http;

namespace Cairn.S3.Objects;

/// <summary>
/// PUT /{bucket}/{key} with <c>x-amz-copy-source</c>: b2_copy_file, which shares the source's blobs. The metadata
/// directive COPY keeps the source's content type and info, REPLACE takes them from this request; the
/// <c>x-amz-copy-source-if-*</c> conditions are checked against the source and fail with 412.
/// </summary>
public static class CopyObject
{
    private static readonly (string Copy, string Plain)[] Conditions =
    [
        ("x-amz-copy-source-if-match", "If-Match"),
        ("x-amz-copy-source-if-none-match", "If-None-Match"),
        ("x-amz-copy-source-if-modified-since", "If-Modified-Since"),
        ("x-amz-copy-source-if-unmodified-since", "If-Unmodified-Since"),
    ];

    public static async Task HandleAsync(S3Call call)
    {
        var destination = await call.BucketAsync();
        var request = call.Http.Request;
        CannedAcl.RequireBucketAcl(request.Headers, destination);
        var source = await SourceAsync(call, request.Headers["x-amz-copy-source"].ToString());
        var conditions = new HeaderDictionary();
        foreach (var (copyHeader, plain) in Conditions)
        {
            if (request.Headers.TryGetValue(copyHeader, out var value))
            {
                conditions[plain] = value;
            }
        }
        if (Preconditions.Check(conditions, source) is not null)
        {
            throw new S3Exception(412, S3ErrorCodes.PreconditionFailed, "At least one of the pre-conditions you specified did not hold");
        }
        var directive = request.Headers["x-amz-metadata-directive"].ToString() switch
        {
            "" or "COPY" => CopyService.MetadataCopy,
            "REPLACE" => CopyService.MetadataReplace,
            var other => throw S3Exception.InvalidArgument($"Unknown metadata directive: {other}"),
        };
        var replace = directive == CopyService.MetadataReplace;
        var copy = await call.Service<CopyService>().CopyFileAsync(call.Principal, new CopyFileCommand
        {
            SourceFileId = source.FileId,
            FileName = call.Key!,
            DestinationBucketId = destination.BucketId,
            MetadataDirective = directive,
            ContentType = replace ? ObjectHeaders.ContentTypeOf(request) : null,
            FileInfo = replace ? ObjectHeaders.InfoFrom(request.Headers) : null,
            Lock = ObjectLockHeaders.From(request.Headers),
            SourceKey = SseHeaders.CopySourceKey(request.Headers),
            DestinationEncryption = SseHeaders.Requested(request.Headers),
        }, call.Aborted);
        var headers = call.Http.Response.Headers;
        headers["x-amz-version-id"] = copy.FileId;
        headers["x-amz-copy-source-version-id"] = source.FileId;
        SseHeaders.Write(headers, copy.Encryption);
        await S3Xml.WriteAsync(call.Http, S3Xml.E("CopyObjectResult",
            S3Xml.E("LastModified", S3Xml.Timestamp(copy.UploadTimestamp)),
            S3Xml.E("ETag", ObjectHeaders.ETag(copy))));
    }

    /// <summary>
    /// The version <c>x-amz-copy-source</c> names (<c>[/]bucket/key[?versionId=id]</c>, URL-encoded), as the caller may
    /// read it: the current version of the key, or the one named.
    /// </summary>
    public static async Task<FileVersion> SourceAsync(S3Call call, string header)
    {
        var question = header.IndexOf('?', StringComparison.Ordinal);
        var path = S3UriEncoding.Decode(question < 0 ? header : header[..question]).TrimStart('/');
        string? versionId = null;
        if (question >= 0)
        {
            foreach (var pair in header[(question + 1)..].Split('&'))
            {
                if (pair.StartsWith("versionId=", StringComparison.Ordinal))
                {
                    versionId = S3UriEncoding.Decode(pair["versionId=".Length..]);
                }
            }
        }
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == path.Length - 1)
        {
            throw S3Exception.InvalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
        }
        var (bucketName, key) = (path[..slash], path[(slash + 1)..]);
        var downloads = call.Service<DownloadService>();
        var caller = new DownloadCaller(call.Principal, null);
        if (versionId is null)
        {
            return (await downloads.ByNameAsync(caller, bucketName, key, new Dictionary<string, string>(), call.Aborted)).Version;
        }
        var download = await downloads.ByIdAsync(caller, versionId, call.Aborted);
        if (download.Bucket.BucketName != bucketName || download.Version.FileName != key)
        {
            throw new CairnException(CairnError.FileNotPresent, "The specified version does not exist.");
        }
        return download.Version;
    }
}
