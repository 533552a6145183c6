using Cairn.Core.Encryption;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Cairn.S3.Objects;

/// <summary>
/// Server-side encryption on S3's wire, mapped to Core's modes: <c>x-amz-server-side-encryption: AES256</c> is
/// SSE-B2; the three <c>x-amz-server-side-encryption-customer-*</c> headers are SSE-C (and their
/// <c>x-amz-copy-source-</c> forms carry a copy source's key). Core checks keys and decides who may read what.
/// </summary>
public static class SseHeaders
{
    public const string Header = "x-amz-server-side-encryption";
    public const string CustomerAlgorithm = "x-amz-server-side-encryption-customer-algorithm";
    public const string CustomerKeyMd5 = "x-amz-server-side-encryption-customer-key-MD5";
    private const string CopySource = "x-amz-copy-source-server-side-encryption-customer-";
    private const string Plain = "x-amz-server-side-encryption-customer-";

    /// <summary>What a write asks for; null when it says nothing, so the bucket's default applies.</summary>
    public static EncryptionRequest? Requested(IHeaderDictionary headers)
    {
        var customer = CustomerKeyFrom(headers, Plain);
        var sse = headers[Header];
        if (StringValues.IsNullOrEmpty(sse))
        {
            return customer is null ? null : EncryptionRequest.SseC(customer);
        }
        if (customer is not null)
        {
            throw S3Exception.InvalidArgument($"{Header} cannot be used together with the customer-provided key headers");
        }
        return sse.ToString() == SseModes.Aes256
            ? EncryptionRequest.SseB2
            : throw S3Exception.InvalidArgument($"The encryption method {sse} is not supported; B2 offers {SseModes.Aes256} (SSE-B2) and customer-provided keys (SSE-C)");
    }

    /// <summary>The SSE-C key of a read, an upload part or a copy's destination; null when none is sent.</summary>
    public static CustomerKey? CustomerKey(IHeaderDictionary headers) => CustomerKeyFrom(headers, Plain);

    /// <summary>The SSE-C key of a copy's source (<c>x-amz-copy-source-server-side-encryption-customer-*</c>).</summary>
    public static CustomerKey? CopySourceKey(IHeaderDictionary headers) => CustomerKeyFrom(headers, CopySource);

    /// <summary>How an object (or a multipart upload) is encrypted, on the answer: never the key, only its MD5.</summary>
    public static void Write(IHeaderDictionary headers, FileEncryption? encryption)
    {
        switch (encryption?.Mode)
        {
            case SseModes.SseB2:
                headers[Header] = SseModes.Aes256;
                break;
            case SseModes.SseC:
                headers[CustomerAlgorithm] = SseModes.Aes256;
                headers[CustomerKeyMd5] = encryption.CustomerKeyMd5;
                break;
        }
    }

    private static CustomerKey? CustomerKeyFrom(IHeaderDictionary headers, string prefix)
    {
        var algorithm = headers[prefix + "algorithm"];
        var key = headers[prefix + "key"];
        var md5 = headers[prefix + "key-MD5"];
        if (StringValues.IsNullOrEmpty(algorithm) && StringValues.IsNullOrEmpty(key) && StringValues.IsNullOrEmpty(md5))
        {
            return null;
        }
        return Core.Encryption.CustomerKey.Parse(algorithm.ToString(), key.ToString(), md5.ToString(), prefix + "*");
    }
}
