using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.S3.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.S3;

/// <summary>One S3 request after its signature verified: the caller, the bucket and key it addresses, and services.</summary>
public sealed class S3Call
{
    public S3Call(HttpContext http, S3Caller caller, string? bucketName, string? key)
    {
        Http = http;
        Caller = caller;
        BucketName = bucketName;
        Key = key;
    }

    public HttpContext Http { get; }

    public S3Caller Caller { get; }

    public Principal Principal => Caller.Principal;

    public string? BucketName { get; }

    public string? Key { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    public IQueryCollection Query => Http.Request.Query;

    public T Service<T>() where T : notnull => Http.RequestServices.GetRequiredService<T>();

    /// <summary>The addressed bucket, if it exists in the caller's account; else NoSuchBucket.</summary>
    public async Task<Bucket> BucketAsync()
    {
        var bucket = await Service<BucketService>().FindByNameAsync(BucketName!, Aborted);
        if (bucket is null || bucket.AccountId != Principal.AccountId)
        {
            throw new CairnException(CairnError.BucketNotFound, "The specified bucket does not exist");
        }
        return bucket;
    }

    /// <summary>The query parameter, or null when absent or empty.</summary>
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) && value.Count > 0 && value[0] is { Length: > 0 } s ? s : null;
}
