using System.Text;
using Cairn.B2.Links;
using Cairn.B2.Wire;
using Cairn.Core;
using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;

namespace Cairn.B2.Accounts;

/// <summary>b2_authorize_account (GET or POST, Basic auth) in the shape of each API version.</summary>
public static class AuthorizeAccount
{
    public static async Task HandleAsync(HttpContext http)
    {
        // The body is ignored: b2sdk and the b2 CLI POST {}, and nothing in it matters (b2-api/auth-and-keys.md).
        var call = B2Call.WithoutBody(http);
        var authorization = http.Request.Headers.Authorization.ToString();
        var (principal, token) = await call.Service<AuthService>().AuthorizeAccountAsync(
            () => ParseBasic(authorization), http.Connection.RemoteIpAddress?.ToString() ?? "unknown", call.Aborted);
        var options = call.Service<ObjectServiceOptions>();
        var baseUrl = B2Urls.BaseUrl(http);
        var key = principal.Key;
        var capabilities = key.Capabilities;

        if (call.Version == 4)
        {
            IReadOnlyList<AllowedBucket>? buckets = null;
            if (key.BucketIds is { } ids)
            {
                var list = new List<AllowedBucket>();
                foreach (var id in ids)
                {
                    list.Add(new AllowedBucket(id, await BucketNameAsync(call, id)));
                }
                buckets = list;
            }
            var storage = new StorageApiV4(options.AbsoluteMinimumPartSize, new AllowedV4(buckets, capabilities, key.NamePrefix),
                baseUrl, baseUrl, "storageApi", options.RecommendedPartSize, baseUrl);
            await call.WriteAsync(new AuthorizeAccountV4Response(principal.AccountId, new ApiInfoV4(storage), key.ExpirationTimestamp, token),
                B2JsonContext.Default.AuthorizeAccountV4Response);
            return;
        }

        if (key.BucketIds is { Count: > 1 })
        {
            throw Fail.Unauthorized("this application key is restricted to several buckets; use b2api/v4");
        }
        var bucketId = key.BucketIds is [var only] ? only : null;
        var bucketName = bucketId is null ? null : await BucketNameAsync(call, bucketId);
        switch (call.Version)
        {
            case 1:
                await call.WriteAsync(new AuthorizeAccountV1Response(options.AbsoluteMinimumPartSize, principal.AccountId,
                    new AllowedV1(bucketId, bucketName, capabilities, key.NamePrefix), baseUrl, token, baseUrl,
                    options.RecommendedPartSize, options.RecommendedPartSize, baseUrl), B2JsonContext.Default.AuthorizeAccountV1Response);
                break;
            case 2:
                await call.WriteAsync(new AuthorizeAccountV2Response(options.AbsoluteMinimumPartSize, principal.AccountId,
                    new AllowedV1(bucketId, bucketName, capabilities, key.NamePrefix), baseUrl, token, baseUrl,
                    options.RecommendedPartSize, baseUrl), B2JsonContext.Default.AuthorizeAccountV2Response);
                break;
            default:
                var storage = new StorageApiV3(options.AbsoluteMinimumPartSize, baseUrl, bucketId, bucketName, capabilities, baseUrl,
                    "storageApi", key.NamePrefix, options.RecommendedPartSize, baseUrl);
                await call.WriteAsync(new AuthorizeAccountV3Response(principal.AccountId, new ApiInfoV3(storage), key.ExpirationTimestamp, token),
                    B2JsonContext.Default.AuthorizeAccountV3Response);
                break;
        }
    }

    private static async Task<string?> BucketNameAsync(B2Call call, string bucketId) =>
        (await call.Service<BucketService>().FindAsync(bucketId, call.Aborted))?.BucketName;

    /// <summary>Reads <c>Basic base64(keyId:key)</c>; the scheme is case-insensitive.</summary>
    public static (string KeyId, string Secret) ParseBasic(string header)
    {
        const string Scheme = "basic ";
        if (header.Length <= Scheme.Length || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new CairnException(CairnError.BadAuthToken, "Authorization header must be Basic base64(applicationKeyId:applicationKey)");
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[Scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            throw new CairnException(CairnError.BadAuthToken, "Authorization header is not valid base64");
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new CairnException(CairnError.BadAuthToken, "Authorization header must be Basic base64(applicationKeyId:applicationKey)");
        }
        return (decoded[..colon], decoded[(colon + 1)..]);
    }
}
