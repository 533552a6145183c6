using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cairn.Core.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Cairn.S3.Auth;

/// <summary>
/// Verifies AWS Signature Version 4, in the <c>Authorization</c> header or a presigned URL's query, exactly as
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html builds it: canonical request, string to
/// sign, signing key from the application key's secret, constant-time comparison. Core's <see cref="AuthService"/>
/// names the key and its secret; every rule about what the key may do stays in Core.
/// </summary>
public sealed class SigV4Verifier
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Service = "s3";
    public const long MaxPresignedSeconds = 604_800;

    private readonly AuthService _auth;
    private readonly S3Options _options;
    private readonly TimeProvider _time;

    public SigV4Verifier(AuthService auth, S3Options options, TimeProvider time)
    {
        _auth = auth;
        _options = options;
        _time = time;
    }

    /// <summary>True when the request is S3's to answer: it is signed for S3 (or with SigV2, which is refused).</summary>
    public static bool IsS3Request(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        // The algorithm alone (HTTP trims the space after it) is still a SigV4 request, answered as malformed.
        return authorization.StartsWith(Algorithm, StringComparison.Ordinal)
            || authorization.StartsWith("AWS ", StringComparison.Ordinal)
            || request.Query.ContainsKey("X-Amz-Algorithm")
            || request.Query.ContainsKey("AWSAccessKeyId");
    }

    public async Task<S3Caller> VerifyAsync(HttpContext http)
    {
        var request = http.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("AWS ", StringComparison.Ordinal) || request.Query.ContainsKey("AWSAccessKeyId"))
        {
            throw S3Exception.InvalidRequest("Signature Version 2 is not supported; use AWS4-HMAC-SHA256");
        }
        var presigned = !authorization.StartsWith(Algorithm, StringComparison.Ordinal);
        var parts = presigned ? FromQuery(request) : FromHeader(request, authorization);

        var credential = parts.Credential.Split('/');
        if (credential.Length != 5)
        {
            throw Malformed(presigned, "the Credential is not <key id>/<date>/<region>/s3/aws4_request");
        }
        var (keyId, date, region, service, terminator) = (credential[0], credential[1], credential[2], credential[3], credential[4]);
        if (!DateTimeOffset.TryParseExact(parts.Timestamp, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            throw S3Exception.AccessDenied("X-Amz-Date is missing or not in the form yyyyMMddTHHmmssZ");
        }
        if (date != parts.Timestamp[..8])
        {
            throw Malformed(presigned, $"the Credential date {date} is not the request date {parts.Timestamp[..8]}");
        }
        if (region != _options.Region)
        {
            throw Malformed(presigned, $"the region '{region}' is wrong; expecting '{_options.Region}'");
        }
        if (service != Service || terminator != "aws4_request")
        {
            throw Malformed(presigned, $"the Credential scope must end in /{Service}/aws4_request");
        }
        var now = _time.GetUtcNow();
        if (presigned)
        {
            if (signedAt - now > _options.MaxClockSkew)
            {
                throw S3Exception.AccessDenied("Request is not valid yet");
            }
            if (now > signedAt.AddSeconds(parts.ExpiresSeconds))
            {
                throw S3Exception.AccessDenied("Request has expired");
            }
        }
        else if ((now - signedAt).Duration() > _options.MaxClockSkew)
        {
            throw new S3Exception(403, S3ErrorCodes.RequestTimeTooSkewed, "The difference between the request time and the server's time is too large.");
        }

        var (principal, secret) = await _auth.GetSigningKeyAsync(keyId, http.RequestAborted);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var payloadHash = presigned
            ? request.Headers["x-amz-content-sha256"] is { Count: > 0 } given ? given.ToString() : PayloadHashes.Unsigned
            : parts.PayloadHash!;
        var canonical = CanonicalRequest(http, parts.SignedHeaders, payloadHash, presigned);
        var stringToSign = $"{Algorithm}\n{parts.Timestamp}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var signing = new SigningScope(SigningScope.DeriveKey(secret, date, region, service), parts.Timestamp, scope, parts.Signature.ToLowerInvariant());
        if (!SigningScope.Matches(signing.Sign(stringToSign), parts.Signature))
        {
            throw S3Exception.SignatureDoesNotMatch();
        }
        return new S3Caller(principal, payloadHash, signing);
    }

    /// <summary>
    /// Method, canonical URI (each path segment decoded and encoded once), canonical query (sorted, without
    /// X-Amz-Signature), the signed headers with trimmed values, the list of their names, and the payload hash.
    /// </summary>
    public static string CanonicalRequest(HttpContext http, IReadOnlyList<string> signedHeaders, string payloadHash, bool presigned)
    {
        var (rawPath, rawQuery) = SplitTarget(http);
        var path = S3UriEncoding.Encode(S3UriEncoding.Decode(rawPath), keepSlash: true);
        var query = new List<(string Name, string Value)>();
        foreach (var pair in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = S3UriEncoding.Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : S3UriEncoding.Decode(pair[(equals + 1)..]);
            if (presigned && name == "X-Amz-Signature")
            {
                continue;
            }
            query.Add((S3UriEncoding.Encode(name, keepSlash: false), S3UriEncoding.Encode(value, keepSlash: false)));
        }
        query.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Value, b.Value));
        var builder = new StringBuilder();
        builder.Append(http.Request.Method).Append('\n');
        builder.Append(path.Length == 0 ? "/" : path).Append('\n');
        builder.AppendJoin('&', query.Select(q => q.Name + "=" + q.Value)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var value = name == "host" ? http.Request.Host.Value ?? "" : string.Join(',', http.Request.Headers[name].Select(v => Collapse(v ?? "")));
            builder.Append(name).Append(':').Append(value).Append('\n');
        }
        builder.Append('\n');
        builder.AppendJoin(';', signedHeaders).Append('\n');
        builder.Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>The path and query exactly as the client sent them (before ASP.NET Core decodes the path).</summary>
    public static (string Path, string Query) SplitTarget(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return (http.Request.PathBase + http.Request.Path.ToUriComponent(), http.Request.QueryString.Value?.TrimStart('?') ?? "");
        }
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? (raw, "") : (raw[..question], raw[(question + 1)..]);
    }

    private static string Collapse(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal))
        {
            return trimmed;
        }
        var builder = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static Parts FromHeader(HttpRequest request, string authorization)
    {
        string? credential = null, signedHeaders = null, signature = null;
        foreach (var field in authorization[Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }
            var value = field[(equals + 1)..];
            switch (field[..equals])
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }
        if (credential is null || signedHeaders is null || signature is null)
        {
            throw Malformed(false, "the Authorization header needs Credential, SignedHeaders and Signature");
        }
        var payloadHash = request.Headers["x-amz-content-sha256"].ToString();
        if (payloadHash.Length == 0)
        {
            throw S3Exception.InvalidRequest("Missing required header for this request: x-amz-content-sha256");
        }
        var timestamp = request.Headers["x-amz-date"].ToString();
        if (timestamp.Length == 0 && DateTimeOffset.TryParseExact(request.Headers.Date.ToString(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            timestamp = date.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        }
        return new Parts(credential, timestamp, Headers(signedHeaders), signature, payloadHash, 0);
    }

    private static Parts FromQuery(HttpRequest request)
    {
        var query = request.Query;
        if (query["X-Amz-Algorithm"].ToString() != Algorithm)
        {
            throw new S3Exception(400, S3ErrorCodes.AuthorizationQueryParametersError, $"X-Amz-Algorithm only supports \"{Algorithm}\"");
        }
        var credential = query["X-Amz-Credential"].ToString();
        var signedHeaders = query["X-Amz-SignedHeaders"].ToString();
        var signature = query["X-Amz-Signature"].ToString();
        var timestamp = query["X-Amz-Date"].ToString();
        if (credential.Length == 0 || signedHeaders.Length == 0 || signature.Length == 0 || timestamp.Length == 0)
        {
            throw new S3Exception(400, S3ErrorCodes.AuthorizationQueryParametersError,
                "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        if (!long.TryParse(query["X-Amz-Expires"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            throw new S3Exception(400, S3ErrorCodes.AuthorizationQueryParametersError, "X-Amz-Expires should be a number");
        }
        if (expires > MaxPresignedSeconds)
        {
            throw new S3Exception(400, S3ErrorCodes.AuthorizationQueryParametersError,
                "X-Amz-Expires must be less than a week (in seconds) that is; 604800");
        }
        return new Parts(credential, timestamp, Headers(signedHeaders), signature, null, expires);
    }

    private static string[] Headers(string signedHeaders) =>
        signedHeaders.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(h => h.ToLowerInvariant()).ToArray();

    private static S3Exception Malformed(bool presigned, string why) => presigned
        ? new S3Exception(400, S3ErrorCodes.AuthorizationQueryParametersError, "Error parsing the X-Amz-Credential parameter; " + why)
        : new S3Exception(400, S3ErrorCodes.AuthorizationHeaderMalformed, "The authorization header is malformed; " + why);

    private sealed record Parts(string Credential, string Timestamp, string[] SignedHeaders, string Signature, string? PayloadHash, long ExpiresSeconds);
}
