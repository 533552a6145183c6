using System.Text.Json;
using Cairn.B2.Wire;
using Cairn.Core.Encryption;
using Cairn.Core.Errors;
using Microsoft.Extensions.Primitives;

namespace Cairn.B2.Encryption;

/// <summary>
/// Server-side encryption on B2's wire (b2-api/uploads.md, downloads.md, large-files.md): the
/// <c>X-Bz-Server-Side-Encryption*</c> headers of uploads, parts and downloads, the JSON
/// <c>{mode, algorithm, customerKey, customerKeyMd5}</c> objects of start/copy/bucket calls, and the response forms.
/// </summary>
public static class SseWire
{
    public const string SseB2Header = "X-Bz-Server-Side-Encryption";
    public const string CustomerAlgorithmHeader = "X-Bz-Server-Side-Encryption-Customer-Algorithm";
    public const string CustomerKeyHeader = "X-Bz-Server-Side-Encryption-Customer-Key";
    public const string CustomerKeyMd5Header = "X-Bz-Server-Side-Encryption-Customer-Key-Md5";

    private static readonly EncryptionSetting NoEncryption = new(null, null);

    /// <summary>
    /// Upload and part headers: <c>X-Bz-Server-Side-Encryption: AES256</c> is SSE-B2 (any other value, including the
    /// <c>NONE</c> older b2sdk can send, is refused as real B2 refuses it); the three customer headers are SSE-C.
    /// Null when neither is present.
    /// </summary>
    public static EncryptionRequest? FromUploadHeaders(IHeaderDictionary headers)
    {
        var customer = CustomerKeyFromHeaders(headers);
        var sseB2 = headers[SseB2Header];
        if (StringValues.IsNullOrEmpty(sseB2))
        {
            return customer is null ? null : EncryptionRequest.SseC(customer);
        }
        if (customer is not null)
        {
            throw Fail.BadRequest($"{SseB2Header} and the SSE-C headers cannot be used together");
        }
        return sseB2.ToString() == SseModes.Aes256
            ? EncryptionRequest.SseB2
            : throw Fail.BadRequest($"Invalid {SseB2Header}: {sseB2} (the only value is {SseModes.Aes256})");
    }

    /// <summary>The SSE-C key of a download or upload, or null when none of the three headers is present.</summary>
    public static CustomerKey? CustomerKeyFromHeaders(IHeaderDictionary headers)
    {
        var algorithm = headers[CustomerAlgorithmHeader];
        var key = headers[CustomerKeyHeader];
        var md5 = headers[CustomerKeyMd5Header];
        if (StringValues.IsNullOrEmpty(algorithm) && StringValues.IsNullOrEmpty(key) && StringValues.IsNullOrEmpty(md5))
        {
            return null;
        }
        return CustomerKey.Parse(algorithm.ToString(), key.ToString(), md5.ToString(), "X-Bz-Server-Side-Encryption-Customer-*");
    }

    /// <summary>A JSON encryption object (<c>serverSideEncryption</c>, <c>destinationServerSideEncryption</c>); null when absent.</summary>
    public static EncryptionRequest? FromJson(B2Request request, string name)
    {
        if (request.Raw(name) is not { } element)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail.BadJson($"{name} must be an object");
        }
        var mode = Text(element, "mode", name);
        var algorithm = Text(element, "algorithm", name);
        return mode == SseModes.SseC
            ? EncryptionRequest.SseC(CustomerKey.Parse(algorithm, Text(element, "customerKey", name), Text(element, "customerKeyMd5", name), name))
            : EncryptionRequest.Parse(mode, algorithm, name);
    }

    /// <summary><c>sourceServerSideEncryption</c> of a copy: the SSE-C key when it names one (other modes need no key).</summary>
    public static CustomerKey? SourceKeyFromJson(B2Request request, string name = "sourceServerSideEncryption") => FromJson(request, name)?.Key;

    /// <summary><c>defaultServerSideEncryption</c> of a bucket: its mode (<c>none</c>, <c>SSE-B2</c>, …) or null when absent.</summary>
    public static string? BucketDefaultFromJson(B2Request request)
    {
        const string Name = "defaultServerSideEncryption";
        if (request.Raw(Name) is not { } element)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail.BadJson($"{Name} must be an object");
        }
        var mode = Text(element, "mode", Name);
        // SSE-C is a valid mode but not a valid default; the object service says so.
        return mode == SseModes.SseC ? mode : EncryptionRequest.Parse(mode, Text(element, "algorithm", Name), Name).Mode;
    }

    /// <summary>The <c>serverSideEncryption</c> of a file version: <c>{algorithm, mode}</c>, both null for plaintext.</summary>
    public static EncryptionSetting ToResponse(FileEncryption? encryption) =>
        encryption is null ? NoEncryption : new EncryptionSetting(SseModes.Aes256, encryption.Mode);

    /// <summary>The <c>serverSideEncryption</c> of a part, from its blob's envelope.</summary>
    public static EncryptionSetting ToResponse(string? partKey) =>
        partKey is null ? NoEncryption : new EncryptionSetting(SseModes.Aes256, BlobEnvelope.ModeOf(partKey));

    /// <summary>The download headers that tell how a file is encrypted: never the key, only its MD5.</summary>
    public static void WriteDownloadHeaders(IHeaderDictionary headers, FileEncryption? encryption)
    {
        switch (encryption?.Mode)
        {
            case SseModes.SseB2:
                headers[SseB2Header] = SseModes.Aes256;
                break;
            case SseModes.SseC:
                headers[CustomerAlgorithmHeader] = SseModes.Aes256;
                headers[CustomerKeyMd5Header] = encryption.CustomerKeyMd5;
                break;
        }
    }

    private static string? Text(JsonElement element, string property, string what)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Fail.BadJson($"{what}.{property} must be a string");
    }
}
