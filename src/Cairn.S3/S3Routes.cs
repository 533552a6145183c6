using Cairn.S3.Auth;
using Cairn.S3.Buckets;
using Cairn.S3.Multipart;
using Cairn.S3.Objects;
using Microsoft.AspNetCore.Http;

namespace Cairn.S3;

/// <summary>
/// Every S3 operation Cairn answers, on one screen. Path style: <c>/</c>, <c>/{bucket}</c>, <c>/{bucket}/{key}</c>;
/// the operation is chosen by method and sub-resource query parameter, as S3 does.
/// </summary>
public static class S3Routes
{
    /// <summary>Bucket sub-resources Cairn does not serve yet; asking for one answers 501 NotImplemented.</summary>
    private static readonly string[] UnservedBucketResources =
    [
        "acl", "cors", "encryption", "lifecycle", "policy", "tagging", "website", "object-lock", "notification",
        "replication", "logging", "ownershipControls", "publicAccessBlock", "accelerate", "requestPayment", "analytics", "metrics",
        "inventory", "intelligent-tiering", "policyStatus",
    ];

    /// <summary>Object sub-resources Cairn does not serve yet.</summary>
    private static readonly string[] UnservedObjectResources =
        ["acl", "tagging", "retention", "legal-hold", "attributes", "torrent", "restore", "select"];

    public static Task DispatchAsync(HttpContext http, S3Caller caller)
    {
        var (rawPath, _) = SigV4Verifier.SplitTarget(http);
        var path = S3UriEncoding.Decode(rawPath.TrimStart('/'));
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? path : path[..slash];
        var key = slash < 0 ? "" : path[(slash + 1)..];
        if (VirtualHostBucket(http) is { } hosted)
        {
            // Virtual-host style: the bucket is the host's first label, the whole path is the key.
            (bucket, key) = (hosted, rawPath.Length > 1 ? S3UriEncoding.Decode(rawPath[1..]) : "");
        }
        var call = new S3Call(http, caller, bucket.Length == 0 ? null : bucket, key.Length == 0 ? null : key);
        var method = http.Request.Method;
        var query = http.Request.Query;

        if (call.BucketName is null)
        {
            return HttpMethods.IsGet(method) ? ListBuckets.HandleAsync(call) : throw MethodNotAllowed(method);
        }
        if (call.Key is null)
        {
            if (UnservedBucketResources.FirstOrDefault(query.ContainsKey) is { } unserved)
            {
                throw S3Exception.NotImplemented($"The bucket sub-resource ?{unserved}");
            }
            return method switch
            {
                _ when HttpMethods.IsGet(method) && query.ContainsKey("location") => GetBucketLocation.HandleAsync(call),
                _ when HttpMethods.IsGet(method) && query.ContainsKey("versioning") => GetBucketVersioning.HandleAsync(call),
                _ when HttpMethods.IsGet(method) && query.ContainsKey("uploads") => ListMultipartUploads.HandleAsync(call),
                _ when HttpMethods.IsGet(method) && query.ContainsKey("versions") => ListObjectVersions.HandleAsync(call),
                _ when HttpMethods.IsPost(method) && query.ContainsKey("delete") => DeleteObjects.HandleAsync(call),
                _ when HttpMethods.IsGet(method) && query["list-type"] == "2" => ListObjects.HandleV2Async(call),
                _ when HttpMethods.IsGet(method) => ListObjects.HandleV1Async(call),
                _ when HttpMethods.IsHead(method) => HeadBucket.HandleAsync(call),
                _ when HttpMethods.IsPut(method) && query.ContainsKey("versioning") => throw S3Exception.NotImplemented("PutBucketVersioning"),
                _ when HttpMethods.IsPut(method) => CreateBucket.HandleAsync(call),
                _ when HttpMethods.IsDelete(method) => DeleteBucket.HandleAsync(call),
                _ => throw MethodNotAllowed(method),
            };
        }
        if (UnservedObjectResources.FirstOrDefault(query.ContainsKey) is { } unservedObject)
        {
            throw S3Exception.NotImplemented($"The object sub-resource ?{unservedObject}");
        }
        return method switch
        {
            _ when HttpMethods.IsPost(method) && query.ContainsKey("uploads") => CreateMultipartUpload.HandleAsync(call),
            _ when HttpMethods.IsPost(method) && query.ContainsKey("uploadId") => CompleteMultipartUpload.HandleAsync(call),
            _ when HttpMethods.IsPut(method) && query.ContainsKey("uploadId") && http.Request.Headers.ContainsKey("x-amz-copy-source") => UploadPartCopy.HandleAsync(call),
            _ when HttpMethods.IsPut(method) && query.ContainsKey("uploadId") => UploadPart.HandleAsync(call),
            _ when HttpMethods.IsGet(method) && query.ContainsKey("uploadId") => ListParts.HandleAsync(call),
            _ when HttpMethods.IsDelete(method) && query.ContainsKey("uploadId") => AbortMultipartUpload.HandleAsync(call),
            _ when HttpMethods.IsPut(method) && http.Request.Headers.ContainsKey("x-amz-copy-source") => CopyObject.HandleAsync(call),
            _ when HttpMethods.IsPut(method) => PutObject.HandleAsync(call),
            _ when HttpMethods.IsGet(method) || HttpMethods.IsHead(method) => GetObject.HandleAsync(call),
            _ when HttpMethods.IsDelete(method) => DeleteObject.HandleAsync(call),
            _ => throw MethodNotAllowed(method),
        };
    }

    /// <summary>The bucket named by a <c>{bucket}.{HostName}</c> Host header, or null for path style.</summary>
    private static string? VirtualHostBucket(HttpContext http)
    {
        var hostName = http.RequestServices.GetService(typeof(S3Options)) is S3Options { HostName.Length: > 0 } options ? options.HostName : null;
        var host = http.Request.Host.Host;
        return hostName is not null && host.Length > hostName.Length + 1 && host.EndsWith("." + hostName, StringComparison.OrdinalIgnoreCase)
            ? host[..^(hostName.Length + 1)]
            : null;
    }

    private static S3Exception MethodNotAllowed(string method) =>
        new(405, S3ErrorCodes.MethodNotAllowed, $"The specified method {method} is not allowed against this resource.");
}
