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
    /// <summary>Bucket sub-resources B2's S3 API does not serve; asking for one answers 501 NotImplemented.</summary>
    private static readonly string[] UnservedBucketResources =
    [
        "lifecycle", "policy", "tagging", "website", "notification",
        "replication", "logging", "ownershipControls", "publicAccessBlock", "accelerate", "requestPayment", "analytics", "metrics",
        "inventory", "intelligent-tiering", "policyStatus",
    ];

    /// <summary>Object sub-resources B2's S3 API does not serve.</summary>
    private static readonly string[] UnservedObjectResources =
        ["tagging", "attributes", "torrent", "restore", "select"];

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
                _ when HttpMethods.IsGet(method) && query.ContainsKey("cors") => GetBucketCors.HandleAsync(call),
                _ when HttpMethods.IsPut(method) && query.ContainsKey("cors") => PutBucketCors.HandleAsync(call),
                _ when HttpMethods.IsDelete(method) && query.ContainsKey("cors") => DeleteBucketCors.HandleAsync(call),
                _ when HttpMethods.IsGet(method) && query.ContainsKey("encryption") => GetBucketEncryption.HandleAsync(call),
                _ when HttpMethods.IsPut(method) && query.ContainsKey("encryption") => PutBucketEncryption.HandleAsync(call),
                _ when HttpMethods.IsDelete(method) && query.ContainsKey("encryption") => DeleteBucketEncryption.HandleAsync(call),
                _ when HttpMethods.IsGet(method) && query.ContainsKey("object-lock") => GetObjectLockConfiguration.HandleAsync(call),
                _ when HttpMethods.IsPut(method) && query.ContainsKey("object-lock") => PutObjectLockConfiguration.HandleAsync(call),
                _ when HttpMethods.IsGet(method) && query.ContainsKey("acl") => GetBucketAcl.HandleAsync(call),
                _ when HttpMethods.IsPut(method) && query.ContainsKey("acl") => PutBucketAcl.HandleAsync(call),
                _ when (query.ContainsKey("cors") || query.ContainsKey("encryption") || query.ContainsKey("object-lock") || query.ContainsKey("acl"))
                    && !HttpMethods.IsHead(method) => throw MethodNotAllowed(method),
                _ when HttpMethods.IsGet(method) && query.ContainsKey("location") => GetBucketLocation.HandleAsync(call),
                _ when HttpMethods.IsGet(method) && query.ContainsKey("versioning") => GetBucketVersioning.HandleAsync(call),
                _ when HttpMethods.IsGet(method) && query.ContainsKey("uploads") => ListMultipartUploads.HandleAsync(call),
                _ when HttpMethods.IsGet(method) && query.ContainsKey("versions") => ListObjectVersions.HandleAsync(call),
                _ when HttpMethods.IsPost(method) && query.ContainsKey("delete") => DeleteObjects.HandleAsync(call),
                _ when HttpMethods.IsGet(method) && query["list-type"] == "2" => ListObjects.HandleV2Async(call),
                _ when HttpMethods.IsGet(method) => ListObjects.HandleV1Async(call),
                _ when HttpMethods.IsHead(method) => HeadBucket.HandleAsync(call),
                _ when HttpMethods.IsPut(method) && query.ContainsKey("versioning") => PutBucketVersioning.HandleAsync(call),
                _ when HttpMethods.IsPut(method) => CreateBucket.HandleAsync(call),
                _ when HttpMethods.IsDelete(method) => DeleteBucket.HandleAsync(call),
                _ => throw MethodNotAllowed(method),
            };
        }
        if (UnservedObjectResources.FirstOrDefault(query.ContainsKey) is { } unservedObject)
        {
            throw S3Exception.NotImplemented($"The object sub-resource ?{unservedObject}");
        }
        LiveRead.Refuse(http.Request);
        return method switch
        {
            _ when HttpMethods.IsGet(method) && query.ContainsKey("acl") => GetObjectAcl.HandleAsync(call),
            _ when HttpMethods.IsPut(method) && query.ContainsKey("acl") => PutObjectAcl.HandleAsync(call),
            _ when HttpMethods.IsGet(method) && query.ContainsKey("retention") => GetObjectRetention.HandleAsync(call),
            _ when HttpMethods.IsPut(method) && query.ContainsKey("retention") => PutObjectRetention.HandleAsync(call),
            _ when HttpMethods.IsGet(method) && query.ContainsKey("legal-hold") => GetObjectLegalHold.HandleAsync(call),
            _ when HttpMethods.IsPut(method) && query.ContainsKey("legal-hold") => PutObjectLegalHold.HandleAsync(call),
            _ when (query.ContainsKey("acl") || query.ContainsKey("retention") || query.ContainsKey("legal-hold")) && !HttpMethods.IsHead(method)
                => throw MethodNotAllowed(method),
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
